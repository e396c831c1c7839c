<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl - the HTML frame every page shares (head, skip link, header,
  main, satisfaction widget, footer) and small formatting helpers
  (durations, amounts, Korean labels) used by the other modules.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="page">
    <html>
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="@lang != ''"><xsl:value-of select="@lang"/></xsl:when>
          <xsl:otherwise>ko</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <head>
        <!-- The encoding declaration. libxslt's HTML output adds this exact
             element itself unless present, so a <meta charset> here would
             make two declarations (an HTML5 error). -->
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:apply-templates select="*[1]" mode="title"/>
          <xsl:text> | 행정서비스헌장</xsl:text>
        </title>
        <link rel="stylesheet" href="{$base}/static/charter.css"/>
      </head>
      <body>
        <a class="skip-link" href="#content">본문 바로가기</a>
        <header class="site-header">
          <p class="site-name"><a href="{$base}/charter/">행정서비스헌장</a></p>
          <nav class="site-nav" aria-label="사이트"><a href="{$base}/charter/">헌장 목록</a> · <a href="{$base}/opendata/">공개 자료</a></nav>
        </header>
        <main id="content">
          <xsl:apply-templates select="*[1]"/>
        </main>
        <xsl:call-template name="survey-widget"/>
        <footer class="site-footer">
          <p>행정서비스헌장 · 시민과의 약속을 공개합니다.</p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- the page-satisfaction widget every page carries -->
  <xsl:template name="survey-widget">
    <section class="survey" aria-labelledby="survey-title">
      <h2 id="survey-title">콘텐츠 만족도 조사</h2>
      <form method="post" action="{$base}/survey">
        <input type="hidden" name="page" value="{/page/@path}"/>
        <xsl:if test="/page/@csrf">
          <input type="hidden" name="csrf" value="{/page/@csrf}"/>
        </xsl:if>
        <fieldset>
          <legend>이 페이지에서 제공하는 정보에 대하여 어느 정도 만족하셨습니까?</legend>
          <div class="scores">
            <xsl:call-template name="score"><xsl:with-param name="n" select="1"/><xsl:with-param name="label">매우 불만족</xsl:with-param></xsl:call-template>
            <xsl:call-template name="score"><xsl:with-param name="n" select="2"/><xsl:with-param name="label">불만족</xsl:with-param></xsl:call-template>
            <xsl:call-template name="score"><xsl:with-param name="n" select="3"/><xsl:with-param name="label">보통</xsl:with-param></xsl:call-template>
            <xsl:call-template name="score"><xsl:with-param name="n" select="4"/><xsl:with-param name="label">만족</xsl:with-param></xsl:call-template>
            <xsl:call-template name="score"><xsl:with-param name="n" select="5"/><xsl:with-param name="label">매우 만족</xsl:with-param></xsl:call-template>
          </div>
        </fieldset>
        <p class="comment">
          <label for="survey-comment">의견 (선택, 500자 이내)</label>
          <textarea id="survey-comment" name="comment" maxlength="500" rows="3"></textarea>
        </p>
        <p><button type="submit">평가하기</button></p>
      </form>
    </section>
  </xsl:template>

  <xsl:template name="score">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <span class="score">
      <input type="radio" name="score" value="{$n}" id="score-{$n}">
        <xsl:if test="$n = 1"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
      </input>
      <label for="score-{$n}"><xsl:value-of select="$label"/></label>
    </span>
  </xsl:template>

  <!-- ===== helpers ===== -->

  <!-- an xs:duration in Korean words: PT1H -> 1시간, P1DT2H -> 1일 2시간 -->
  <xsl:template name="duration-ko">
    <xsl:param name="d"/>
    <xsl:variable name="body" select="substring-after($d, 'P')"/>
    <xsl:variable name="date">
      <xsl:choose>
        <xsl:when test="contains($body, 'T')"><xsl:value-of select="substring-before($body, 'T')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$body"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="time" select="substring-after($body, 'T')"/>
    <xsl:variable name="words">
      <xsl:call-template name="duration-parts">
        <xsl:with-param name="s" select="$date"/>
        <xsl:with-param name="time" select="false()"/>
      </xsl:call-template>
      <xsl:call-template name="duration-parts">
        <xsl:with-param name="s" select="$time"/>
        <xsl:with-param name="time" select="true()"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:if test="starts-with($d, '-')">-</xsl:if>
    <xsl:value-of select="normalize-space($words)"/>
  </xsl:template>

  <xsl:template name="duration-parts">
    <xsl:param name="s"/>
    <xsl:param name="time"/>
    <xsl:if test="string-length($s) &gt; 0">
      <xsl:variable name="unit" select="substring(translate($s, '0123456789.', ''), 1, 1)"/>
      <xsl:variable name="num" select="substring-before($s, $unit)"/>
      <xsl:text> </xsl:text>
      <xsl:value-of select="$num"/>
      <xsl:choose>
        <xsl:when test="$unit = 'Y'">년</xsl:when>
        <xsl:when test="$unit = 'M' and not($time)">개월</xsl:when>
        <xsl:when test="$unit = 'W'">주</xsl:when>
        <xsl:when test="$unit = 'D'">일</xsl:when>
        <xsl:when test="$unit = 'H'">시간</xsl:when>
        <xsl:when test="$unit = 'M'">분</xsl:when>
        <xsl:when test="$unit = 'S'">초</xsl:when>
      </xsl:choose>
      <xsl:call-template name="duration-parts">
        <xsl:with-param name="s" select="substring-after($s, $unit)"/>
        <xsl:with-param name="time" select="$time"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- an xs:duration in seconds (month = 30 days, year = 365 days), for comparisons -->
  <xsl:template name="duration-seconds">
    <xsl:param name="d"/>
    <xsl:variable name="body" select="substring-after($d, 'P')"/>
    <xsl:variable name="date">
      <xsl:choose>
        <xsl:when test="contains($body, 'T')"><xsl:value-of select="substring-before($body, 'T')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$body"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="a">
      <xsl:call-template name="duration-sum">
        <xsl:with-param name="s" select="$date"/>
        <xsl:with-param name="time" select="false()"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="b">
      <xsl:call-template name="duration-sum">
        <xsl:with-param name="s" select="substring-after($body, 'T')"/>
        <xsl:with-param name="time" select="true()"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:value-of select="number($a) + number($b)"/>
  </xsl:template>

  <xsl:template name="duration-sum">
    <xsl:param name="s"/>
    <xsl:param name="time"/>
    <xsl:choose>
      <xsl:when test="string-length($s) = 0">0</xsl:when>
      <xsl:otherwise>
        <xsl:variable name="unit" select="substring(translate($s, '0123456789.', ''), 1, 1)"/>
        <xsl:variable name="num" select="number(substring-before($s, $unit))"/>
        <xsl:variable name="factor">
          <xsl:choose>
            <xsl:when test="$unit = 'Y'">31536000</xsl:when>
            <xsl:when test="$unit = 'M' and not($time)">2592000</xsl:when>
            <xsl:when test="$unit = 'W'">604800</xsl:when>
            <xsl:when test="$unit = 'D'">86400</xsl:when>
            <xsl:when test="$unit = 'H'">3600</xsl:when>
            <xsl:when test="$unit = 'M'">60</xsl:when>
            <xsl:otherwise>1</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:variable name="rest">
          <xsl:call-template name="duration-sum">
            <xsl:with-param name="s" select="substring-after($s, $unit)"/>
            <xsl:with-param name="time" select="$time"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:value-of select="$num * number($factor) + number($rest)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 10000 -> 10,000원 -->
  <xsl:template name="won">
    <xsl:param name="amount"/>
    <xsl:value-of select="format-number($amount, '#,##0')"/>
    <xsl:text>원</xsl:text>
  </xsl:template>

  <xsl:template name="clock-ko">
    <xsl:param name="clock"/>
    <xsl:choose>
      <xsl:when test="$clock = 'calendar'">달력시간</xsl:when>
      <xsl:when test="$clock = 'working-days'">근무일</xsl:when>
      <xsl:otherwise>근무시간</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="kind-ko">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$k = 'simple-inquiry'">단순 질의</xsl:when>
      <xsl:when test="$k = 'legal-inquiry'">법령 질의</xsl:when>
      <xsl:when test="$k = 'long-term-review'">장기 검토</xsl:when>
      <xsl:when test="$k = 'complaint'">불만</xsl:when>
      <xsl:when test="$k = 'grievance'">진정</xsl:when>
      <xsl:when test="$k = 'immediate'">즉결</xsl:when>
      <xsl:when test="$k = 'corruption-report'">부조리 신고</xsl:when>
      <xsl:when test="$k = 'suggestion'">제안</xsl:when>
      <xsl:when test="$k = 'general'">일반</xsl:when>
      <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="channel-ko">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$k = 'internet'">인터넷</xsl:when>
      <xsl:when test="$k = 'board'">게시판</xsl:when>
      <xsl:when test="$k = 'mail'">우편</xsl:when>
      <xsl:when test="$k = 'fax'">FAX</xsl:when>
      <xsl:when test="$k = 'visit'">방문</xsl:when>
      <xsl:when test="$k = 'phone'">전화</xsl:when>
      <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a space-separated list of kinds or channels, in Korean, joined by ", " -->
  <xsl:template name="list-ko">
    <xsl:param name="list"/>
    <xsl:param name="what"/>
    <xsl:variable name="s" select="normalize-space($list)"/>
    <xsl:if test="$s != ''">
      <xsl:variable name="first">
        <xsl:choose>
          <xsl:when test="contains($s, ' ')"><xsl:value-of select="substring-before($s, ' ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="$what = 'kind'">
          <xsl:call-template name="kind-ko"><xsl:with-param name="k" select="$first"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="channel-ko"><xsl:with-param name="k" select="$first"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="contains($s, ' ')">
        <xsl:text>, </xsl:text>
        <xsl:call-template name="list-ko">
          <xsl:with-param name="list" select="substring-after($s, ' ')"/>
          <xsl:with-param name="what" select="$what"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- a heading h2..h6 whose level depends on nesting -->
  <xsl:template name="heading">
    <xsl:param name="level"/>
    <xsl:param name="text"/>
    <xsl:param name="id"/>
    <xsl:variable name="l">
      <xsl:choose>
        <xsl:when test="$level &gt; 6">6</xsl:when>
        <xsl:otherwise><xsl:value-of select="$level"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="h{$l}">
      <xsl:if test="$id != ''"><xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute></xsl:if>
      <xsl:value-of select="$text"/>
    </xsl:element>
  </xsl:template>

  <!-- a path safe to link to: local absolute paths only -->
  <xsl:template name="local-href">
    <xsl:param name="path"/>
    <xsl:choose>
      <xsl:when test="starts-with($path, '/') and not(starts-with($path, '//')) and not(contains($path, '\'))">
        <xsl:value-of select="concat($base, $path)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($base, '/charter/')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
