<?xml version="1.0" encoding="UTF-8"?>
<!-- versions.xsl - a charter's version history, newest first, each linked to its stored XML. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="versions" mode="title">
    <xsl:value-of select="concat(@city-name, ' ', @dept-name, ' 헌장 개정 이력')"/>
  </xsl:template>

  <xsl:template match="versions">
    <xsl:variable name="home" select="concat($base, '/charter/', @city, '/', @dept)"/>
    <nav class="breadcrumb" aria-label="현재 위치">
      <ol>
        <li><a href="{$base}/charter/">헌장 목록</a></li>
        <li><a href="{$home}"><xsl:value-of select="concat(@city-name, ' ', @dept-name)"/></a></li>
        <li aria-current="page">개정 이력</li>
      </ol>
    </nav>
    <h1><xsl:value-of select="concat(@city-name, ' ', @dept-name, ' 헌장 개정 이력')"/></h1>
    <p><a href="{$home}">현재 헌장 보기</a></p>
    <xsl:choose>
      <xsl:when test="version">
        <div class="table-wrap">
          <table class="versions">
            <caption>개정 이력 (최신순)</caption>
            <thead>
              <tr>
                <th scope="col">판</th>
                <th scope="col">등록일시</th>
                <th scope="col">등록자</th>
                <th scope="col">변경 내용</th>
                <th scope="col">크기</th>
                <th scope="col">SHA-256</th>
                <th scope="col">원문</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="version">
                <tr>
                  <xsl:if test="@current = 'true'"><xsl:attribute name="class">current</xsl:attribute></xsl:if>
                  <th scope="row">
                    <xsl:text>제</xsl:text><xsl:value-of select="@no"/><xsl:text>판</xsl:text>
                    <xsl:if test="@current = 'true'"><xsl:text> </xsl:text><span class="badge current">현행</span></xsl:if>
                  </th>
                  <td><xsl:value-of select="@uploaded"/></td>
                  <td><xsl:value-of select="@uploader"/></td>
                  <td><xsl:value-of select="@summary"/></td>
                  <td class="num">
                    <xsl:if test="@bytes != ''">
                      <xsl:value-of select="format-number(@bytes, '#,##0')"/><xsl:text> 바이트</xsl:text>
                    </xsl:if>
                  </td>
                  <td class="hash"><code><xsl:value-of select="@sha256"/></code></td>
                  <td>
                    <a href="{$home}.xml?version={@no}">
                      <xsl:text>XML</xsl:text>
                      <span class="visually-hidden"><xsl:text> 제</xsl:text><xsl:value-of select="@no"/><xsl:text>판</xsl:text></span>
                    </a>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise><p class="empty">등록된 판이 없습니다.</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
