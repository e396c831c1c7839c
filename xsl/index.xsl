<?xml version="1.0" encoding="UTF-8"?>
<!-- index.xsl - the list of charters, per city: the common one first, then every department. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="index" mode="title">행정서비스헌장 목록</xsl:template>

  <xsl:template match="index">
    <h1>행정서비스헌장 목록</h1>
    <p>시·군과 부서가 시민에게 약속한 행정서비스 이행기준입니다.</p>
    <xsl:if test="not(city)">
      <p class="empty">등록된 헌장이 없습니다.</p>
    </xsl:if>
    <xsl:for-each select="city">
      <section class="city" aria-labelledby="city-{@code}">
        <h2 id="city-{@code}"><xsl:value-of select="@name"/></h2>
        <ul class="charter-list">
          <xsl:for-each select="charter">
            <li>
              <a>
                <xsl:attribute name="href">
                  <xsl:choose>
                    <xsl:when test="@href != ''"><xsl:value-of select="@href"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="concat($base, '/charter/', ../@code, '/', @dept)"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <xsl:value-of select="@title"/>
              </a>
              <xsl:text> </xsl:text>
              <span class="meta">
                <xsl:if test="@common = 'true'"><span class="badge common">공통</span><xsl:text> </xsl:text></xsl:if>
                <xsl:value-of select="@dept-name"/>
                <xsl:if test="@version-no != ''">
                  <xsl:text> · 제</xsl:text><xsl:value-of select="@version-no"/><xsl:text>판</xsl:text>
                </xsl:if>
                <xsl:if test="@uploaded != ''">
                  <xsl:text> · </xsl:text><xsl:value-of select="@uploaded"/>
                </xsl:if>
              </span>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
