<?xml version="1.0" encoding="UTF-8"?>
<!-- misc.xsl - the error page and the survey thank-you page. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="error" mode="title">
    <xsl:value-of select="@title"/>
  </xsl:template>

  <xsl:template match="error">
    <h1><xsl:value-of select="@title"/></h1>
    <xsl:if test="@status != ''">
      <p class="status">오류 코드 <xsl:value-of select="@status"/></p>
    </xsl:if>
    <xsl:for-each select="message">
      <p class="message"><xsl:value-of select="."/></p>
    </xsl:for-each>
    <xsl:if test="detail">
      <h2>오류 상세</h2>
      <ul class="details">
        <xsl:for-each select="detail">
          <li>
            <xsl:if test="@line != ''">
              <span class="line"><xsl:value-of select="@line"/>번째 줄</span>
              <xsl:text>: </xsl:text>
            </xsl:if>
            <xsl:value-of select="."/>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <p><a href="{$base}/charter/">헌장 목록으로 가기</a></p>
  </xsl:template>

  <xsl:template match="survey-thanks" mode="title">의견을 보내 주셔서 감사합니다</xsl:template>

  <xsl:template match="survey-thanks">
    <h1>의견을 보내 주셔서 감사합니다</h1>
    <xsl:if test="@score != ''">
      <p>만족도 <xsl:value-of select="@score"/>점(5점 만점)이 기록되었습니다.</p>
    </xsl:if>
    <p>보내 주신 의견은 행정서비스 개선에 활용하겠습니다.</p>
    <p>
      <a>
        <xsl:attribute name="href">
          <xsl:call-template name="local-href"><xsl:with-param name="path" select="string(@page)"/></xsl:call-template>
        </xsl:attribute>
        <xsl:text>보던 페이지로 돌아가기</xsl:text>
      </a>
    </p>
  </xsl:template>

  <!-- an unknown page child: say so rather than render nothing -->
  <xsl:template match="page/*" mode="title" priority="-1">행정서비스헌장</xsl:template>
  <xsl:template match="page/*" priority="-1">
    <h1>행정서비스헌장</h1>
    <p>표시할 내용이 없습니다.</p>
  </xsl:template>

</xsl:stylesheet>
