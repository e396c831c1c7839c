<?xml version="1.0" encoding="UTF-8"?>
<!--
  charter.xsl - the charter page: the department's own charter, then every
  charter it inherits from (nearest first), then a summary of the
  compensation rules in force. Heading levels: h1 title, h2 parts (h3 for
  inherited ones), h3 sections (h4 inherited).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="charter-page" mode="title">
    <xsl:value-of select="charter/title"/>
    <xsl:text> - </xsl:text>
    <xsl:value-of select="concat(@city-name, ' ', @dept-name)"/>
  </xsl:template>

  <xsl:template match="charter-page">
    <xsl:variable name="home" select="concat($base, '/charter/', @city, '/', @dept)"/>
    <nav class="breadcrumb" aria-label="현재 위치">
      <ol>
        <li><a href="{$base}/charter/">헌장 목록</a></li>
        <li><xsl:value-of select="@city-name"/></li>
        <li aria-current="page"><xsl:value-of select="@dept-name"/></li>
      </ol>
    </nav>
    <article class="charter">
      <xsl:apply-templates select="charter/about"/>
      <h1><xsl:value-of select="charter/title"/></h1>
      <ul class="charter-meta">
        <li><xsl:value-of select="concat(@city-name, ' ', @dept-name)"/></li>
        <li>
          <xsl:text>버전 </xsl:text><xsl:value-of select="charter/@version"/>
          <xsl:if test="@version-no != ''">
            <xsl:text> (제</xsl:text><xsl:value-of select="@version-no"/><xsl:text>판)</xsl:text>
          </xsl:if>
        </li>
        <xsl:if test="charter/@effective">
          <li>시행일 <time datetime="{charter/@effective}"><xsl:value-of select="charter/@effective"/></time></li>
        </xsl:if>
        <xsl:if test="@uploaded != ''">
          <li>등록 <xsl:value-of select="@uploaded"/></li>
        </xsl:if>
        <li><a href="{$home}/versions">개정 이력</a></li>
        <li><a href="{$home}.xml">XML 원문</a></li>
      </ul>
      <xsl:if test="inherited">
        <p class="extends">
          <xsl:text>이 헌장은 </xsl:text>
          <xsl:for-each select="inherited">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <a href="{$base}/charter/{@from}"><xsl:call-template name="inherited-name"/></a>
          </xsl:for-each>
          <xsl:text>의 기준을 상속합니다.</xsl:text>
        </p>
      </xsl:if>
      <xsl:apply-templates select="charter/preamble | charter/pledges | charter/part | charter/contact | charter/windows"/>
      <xsl:apply-templates select="inherited"/>
      <xsl:call-template name="compensation-summary"/>
    </article>
  </xsl:template>

  <!-- "포천시 공통 기준" / "포천시 도로과 기준" -->
  <xsl:template name="inherited-name">
    <xsl:value-of select="@city-name"/>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="substring-after(@from, '/') = 'common'">공통</xsl:when>
      <xsl:otherwise><xsl:value-of select="@dept-name"/></xsl:otherwise>
    </xsl:choose>
    <xsl:text> 기준</xsl:text>
  </xsl:template>

  <!-- ===== blocks ===== -->

  <xsl:template match="about">
    <aside class="about">
      <xsl:if test="heading">
        <p class="about-heading"><strong><xsl:value-of select="heading"/></strong></p>
      </xsl:if>
      <xsl:for-each select="p"><p><xsl:value-of select="."/></p></xsl:for-each>
    </aside>
  </xsl:template>

  <xsl:template match="preamble">
    <div class="preamble">
      <xsl:for-each select="p"><p><xsl:value-of select="."/></p></xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template match="pledges">
    <div class="pledges">
      <ul>
        <xsl:for-each select="pledge"><li><xsl:value-of select="."/></li></xsl:for-each>
      </ul>
      <xsl:for-each select="p"><p class="pledge-close"><xsl:value-of select="."/></p></xsl:for-each>
    </div>
  </xsl:template>

  <xsl:template match="inherited">
    <section class="inherited" aria-labelledby="inh-{generate-id()}">
      <h2 id="inh-{generate-id()}">
        <xsl:call-template name="inherited-name"/>
        <xsl:text> (상속)</xsl:text>
      </h2>
      <p class="inherited-from">
        <a href="{$base}/charter/{@from}"><xsl:value-of select="charter/title"/></a>
        <xsl:if test="@version-no != ''">
          <xsl:text> 제</xsl:text><xsl:value-of select="@version-no"/><xsl:text>판</xsl:text>
        </xsl:if>
        <xsl:text>의 기준이 이 부서에도 적용됩니다.</xsl:text>
      </p>
      <xsl:apply-templates select="charter/part[not(@links)] | charter/contact | charter/windows"/>
    </section>
  </xsl:template>

  <xsl:template match="part">
    <section class="part">
      <xsl:if test="not(ancestor::inherited)">
        <xsl:attribute name="id"><xsl:value-of select="concat('part-', @id)"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="heading">
        <xsl:with-param name="level" select="2 + count(ancestor::inherited)"/>
        <xsl:with-param name="text" select="heading"/>
      </xsl:call-template>
      <xsl:apply-templates select="p | promise | note | section"/>
      <xsl:if test="@links = 'departments'">
        <xsl:call-template name="department-links"/>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="department-links">
    <xsl:variable name="depts" select="ancestor::charter-page/departments/dept"/>
    <xsl:choose>
      <xsl:when test="$depts">
        <ul class="departments">
          <xsl:for-each select="$depts">
            <li>
              <a>
                <xsl:attribute name="href">
                  <xsl:choose>
                    <xsl:when test="@href != ''"><xsl:value-of select="@href"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="concat($base, '/charter/', ancestor::charter-page/@city, '/', @code)"/></xsl:otherwise>
                  </xsl:choose>
                </xsl:attribute>
                <xsl:value-of select="@name"/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty">등록된 부서별 이행기준이 없습니다.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="section">
    <section class="section channel-{@channel}">
      <xsl:if test="not(ancestor::inherited)">
        <xsl:attribute name="id"><xsl:value-of select="concat('sec-', @id)"/></xsl:attribute>
      </xsl:if>
      <xsl:call-template name="heading">
        <xsl:with-param name="level" select="3 + count(ancestor::inherited)"/>
        <xsl:with-param name="text" select="heading"/>
      </xsl:call-template>
      <xsl:apply-templates select="p | promise | steps | note"/>
    </section>
  </xsl:template>

  <xsl:template match="p">
    <p><xsl:value-of select="."/></p>
  </xsl:template>

  <xsl:template match="note">
    <p class="note"><xsl:value-of select="."/></p>
  </xsl:template>

  <xsl:template match="steps">
    <ol class="steps">
      <xsl:for-each select="step">
        <li>
          <xsl:call-template name="origin-class"/>
          <span class="text"><xsl:value-of select="text"/></span>
          <xsl:call-template name="badges"/>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <!-- ===== promises and items =====
       Runs of consecutive bullet promises (or items) make one list. -->

  <xsl:template match="promise[not(@form = 'paragraph')] | item[parent::promise or parent::item][not(@form = 'paragraph')]">
    <xsl:if test="not(preceding-sibling::*[1][name() = name(current())][not(@form = 'paragraph')])">
      <ul>
        <xsl:attribute name="class">
          <xsl:choose>
            <xsl:when test="self::item">items</xsl:when>
            <xsl:otherwise>promises</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:apply-templates select="." mode="li"/>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template match="promise | item" mode="li">
    <li>
      <xsl:call-template name="origin-class"/>
      <span class="text"><xsl:value-of select="text"/></span>
      <xsl:call-template name="badges"/>
      <xsl:apply-templates select="item | note | steps"/>
    </li>
    <xsl:apply-templates select="following-sibling::*[1][name() = name(current())][not(@form = 'paragraph')]" mode="li"/>
  </xsl:template>

  <xsl:template match="promise[@form = 'paragraph'] | item[parent::promise or parent::item][@form = 'paragraph']">
    <div>
      <xsl:call-template name="origin-class">
        <xsl:with-param name="extra" select="' paragraph'"/>
      </xsl:call-template>
      <p>
        <span class="text"><xsl:value-of select="text"/></span>
        <xsl:call-template name="badges"/>
      </p>
      <xsl:apply-templates select="item | note | steps"/>
    </div>
  </xsl:template>

  <xsl:template name="origin-class">
    <xsl:param name="extra"/>
    <xsl:attribute name="class">
      <xsl:value-of select="local-name()"/>
      <xsl:value-of select="$extra"/>
      <xsl:if test="measure | duty | compensation | accountability | rule"> measured</xsl:if>
      <xsl:if test="ancestor::inherited"> inherited</xsl:if>
      <xsl:if test="@origin = 'override'"> override</xsl:if>
      <xsl:if test="@overridden = 'true'"> overridden</xsl:if>
    </xsl:attribute>
  </xsl:template>

  <!-- the small labels after a promise: 상속, its standards, override notes -->
  <xsl:template name="badges">
    <xsl:variable name="std" select="measure | duty | compensation | accountability | rule"/>
    <xsl:variable name="inh" select="self::promise and ancestor::inherited"/>
    <xsl:if test="$std or $inh">
      <xsl:text> </xsl:text>
      <span class="badges">
        <xsl:if test="$inh"><span class="badge inherited">상속</span></xsl:if>
        <xsl:apply-templates select="$std" mode="badge"/>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- ===== standards as badges ===== -->

  <xsl:template match="measure" mode="badge">
    <span class="badge measure" data-id="{@id}">
      <xsl:text>목표 </xsl:text>
      <xsl:call-template name="measure-value"/>
      <xsl:if test="@target">
        <xsl:text> · </xsl:text>
        <xsl:call-template name="clock-ko"><xsl:with-param name="clock" select="@clock"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="@basis = 'statutory'"> · 법정처리기간</xsl:if>
      <xsl:if test="@kinds and normalize-space(@kinds) != 'all'">
        <xsl:text> · </xsl:text>
        <xsl:call-template name="list-ko"><xsl:with-param name="list" select="@kinds"/><xsl:with-param name="what" select="'kind'"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="@channels and normalize-space(@channels) != 'all'">
        <xsl:text> · </xsl:text>
        <xsl:call-template name="list-ko"><xsl:with-param name="list" select="@channels"/><xsl:with-param name="what" select="'channel'"/></xsl:call-template>
      </xsl:if>
    </span>
    <xsl:call-template name="override-badges"/>
  </xsl:template>

  <xsl:template name="measure-value">
    <xsl:choose>
      <xsl:when test="@rings"><xsl:value-of select="@rings"/>회 이내</xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="duration-ko"><xsl:with-param name="d" select="@target"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="duty" mode="badge">
    <span class="badge duty" data-id="{@id}">
      <xsl:call-template name="duty-what"/>
      <xsl:if test="@every">
        <xsl:text> </xsl:text>
        <xsl:choose>
          <xsl:when test="@every = 'P1D'">매일</xsl:when>
          <xsl:when test="@every = 'P7D' or @every = 'P1W'">매주</xsl:when>
          <xsl:when test="@every = 'P1M'">매월</xsl:when>
          <xsl:when test="@every = 'P1Y'">매년</xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="duration-ko"><xsl:with-param name="d" select="@every"/></xsl:call-template>
            <xsl:text>마다</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <xsl:choose>
          <xsl:when test="@times"><xsl:value-of select="@times"/></xsl:when>
          <xsl:otherwise>1</xsl:otherwise>
        </xsl:choose>
        <xsl:text>회 이상</xsl:text>
      </xsl:if>
      <xsl:if test="@within">
        <xsl:text> </xsl:text>
        <xsl:if test="@after = 'survey-published'">조사결과 발표 후 </xsl:if>
        <xsl:call-template name="duration-ko"><xsl:with-param name="d" select="@within"/></xsl:call-template>
        <xsl:text> 이내</xsl:text>
      </xsl:if>
    </span>
    <xsl:call-template name="override-badges"/>
  </xsl:template>

  <xsl:template name="duty-what">
    <xsl:choose>
      <xsl:when test="@what = 'board-check'">게시판 확인</xsl:when>
      <xsl:when test="@what = 'satisfaction-survey'">고객만족도 조사</xsl:when>
      <xsl:when test="@what = 'compliance-survey'">이행표준 달성도 조사</xsl:when>
      <xsl:when test="@what = 'improvement-plan'">개선계획 공표</xsl:when>
      <xsl:when test="@what = 'progress-notice'">진행상황 안내</xsl:when>
      <xsl:otherwise><xsl:value-of select="@what"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="compensation" mode="badge">
    <span class="badge compensation" data-id="{@id}">
      <xsl:text>보상 </xsl:text>
      <xsl:call-template name="compensation-value"/>
      <xsl:if test="@condition">
        <xsl:text> (</xsl:text>
        <xsl:call-template name="channel-ko"><xsl:with-param name="k" select="@condition"/></xsl:call-template>
        <xsl:text> 시)</xsl:text>
      </xsl:if>
      <xsl:if test="exclude">
        <xsl:text> · 제외: </xsl:text>
        <xsl:call-template name="excludes"/>
      </xsl:if>
    </span>
    <xsl:call-template name="override-badges"/>
  </xsl:template>

  <!-- "10,000원 문화상품권" / "조례에 따른 신고보상금" -->
  <xsl:template name="compensation-value">
    <xsl:if test="@amount &gt; 0">
      <xsl:call-template name="won"><xsl:with-param name="amount" select="@amount"/></xsl:call-template>
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="@form = 'culture-voucher'">문화상품권</xsl:when>
      <xsl:when test="@form = 'reward-per-ordinance'">조례에 따른 신고보상금</xsl:when>
      <xsl:when test="@form = 'apology'">사과</xsl:when>
      <xsl:otherwise><xsl:value-of select="@form"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="excludes">
    <xsl:for-each select="exclude">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:choose>
        <xsl:when test="@kind">
          <xsl:call-template name="kind-ko"><xsl:with-param name="k" select="@kind"/></xsl:call-template>
          <xsl:text> 민원</xsl:text>
        </xsl:when>
        <xsl:when test="@state = 'supplemented'">보완·보정 민원</xsl:when>
        <xsl:when test="@state = 'extended'">처리기간 연장 민원</xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="trigger-ko">
    <xsl:choose>
      <xsl:when test="@trigger = 'statutory-missed'">법정처리기간 미준수</xsl:when>
      <xsl:when test="@trigger = 'revisit'">담당자 잘못으로 인한 재방문</xsl:when>
      <xsl:when test="@trigger = 'standard-missed'">서비스 이행기준 미준수</xsl:when>
      <xsl:when test="@trigger = 'corruption-confirmed'">부조리 신고 사실 확인</xsl:when>
      <xsl:otherwise><xsl:value-of select="@trigger"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="accountability" mode="badge">
    <span class="badge accountability" data-id="{@id}">
      <xsl:text>불만 </xsl:text>
      <xsl:value-of select="@threshold"/>
      <xsl:text>회 이상 → </xsl:text>
      <xsl:call-template name="action-ko"/>
    </span>
    <xsl:call-template name="override-badges"/>
  </xsl:template>

  <xsl:template name="action-ko">
    <xsl:choose>
      <xsl:when test="@action = 'warn'">주의</xsl:when>
      <xsl:when test="@action = 'train'">주의·교육</xsl:when>
      <xsl:when test="@action = 'replace'">담당자 교체</xsl:when>
      <xsl:otherwise><xsl:value-of select="@action"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="rule" mode="badge">
    <span class="badge rule" data-id="{@id}">
      <xsl:choose>
        <xsl:when test="@kind = 'anonymous-refused'">
          <xsl:text>익명 민원 미처리</xsl:text>
          <xsl:if test="@requires">
            <xsl:text> (</xsl:text>
            <xsl:call-template name="requires-ko"><xsl:with-param name="list" select="normalize-space(@requires)"/></xsl:call-template>
            <xsl:text> 필수)</xsl:text>
          </xsl:if>
        </xsl:when>
        <xsl:when test="@kind = 'whistleblower-secret'">신고자 신원 비밀 보장</xsl:when>
        <xsl:when test="@kind = 'named-responsibility'">민원책임실명제</xsl:when>
        <xsl:when test="@kind = 'sms-requires-consent'">SMS는 신청한 고객에 한함</xsl:when>
        <xsl:when test="@kind = 'colleague-takes-call'">부재 시 동료 직원이 접수</xsl:when>
        <xsl:otherwise><xsl:value-of select="@kind"/></xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:call-template name="override-badges"/>
  </xsl:template>

  <xsl:template name="requires-ko">
    <xsl:param name="list"/>
    <xsl:variable name="first">
      <xsl:choose>
        <xsl:when test="contains($list, ' ')"><xsl:value-of select="substring-before($list, ' ')"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$list"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$first = 'name'">성명</xsl:when>
      <xsl:when test="$first = 'address'">주소</xsl:when>
      <xsl:when test="$first = 'phone'">전화번호</xsl:when>
      <xsl:when test="$first = 'email'">전자우편</xsl:when>
      <xsl:otherwise><xsl:value-of select="$first"/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="contains($list, ' ')">
      <xsl:text>·</xsl:text>
      <xsl:call-template name="requires-ko"><xsl:with-param name="list" select="substring-after($list, ' ')"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== inheritance annotations ===== -->

  <xsl:template name="override-badges">
    <xsl:if test="@overrides">
      <span class="badge override">
        <xsl:call-template name="override-text"/>
      </span>
    </xsl:if>
    <xsl:if test="@overridden-by">
      <span class="badge overridden">이 부서 기준으로 대체됨</span>
    </xsl:if>
  </xsl:template>

  <!-- "강화된 기준 — 공통 기준 1시간 → 10분" -->
  <xsl:template name="override-text">
    <xsl:variable name="old" select="string((@inherited-value | @inherited-target | @inherited-rings | @inherited-amount | @inherited-threshold)[1])"/>
    <xsl:variable name="cmp">
      <xsl:call-template name="override-compare"><xsl:with-param name="old" select="$old"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$cmp = 'stricter'">강화된 기준</xsl:when>
      <xsl:when test="$cmp = 'looser'">완화된 기준</xsl:when>
      <xsl:otherwise>변경된 기준</xsl:otherwise>
    </xsl:choose>
    <xsl:text> — </xsl:text>
    <xsl:variable name="from" select="string(@overrides)"/>
    <xsl:choose>
      <xsl:when test="substring-after($from, '/') = 'common'">공통 기준</xsl:when>
      <xsl:when test="ancestor::charter-page/inherited[@from = $from]/@dept-name">
        <xsl:value-of select="ancestor::charter-page/inherited[@from = $from]/@dept-name"/>
        <xsl:text> 기준</xsl:text>
      </xsl:when>
      <xsl:otherwise>상위 기준</xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$old != ''">
      <xsl:text> </xsl:text>
      <xsl:call-template name="old-value"><xsl:with-param name="old" select="$old"/></xsl:call-template>
      <xsl:text> → </xsl:text>
      <xsl:call-template name="new-value"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="old-value">
    <xsl:param name="old"/>
    <xsl:choose>
      <xsl:when test="starts-with($old, 'P') or starts-with($old, '-P')">
        <xsl:call-template name="duration-ko"><xsl:with-param name="d" select="$old"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="self::compensation and string(number($old)) != 'NaN'">
        <xsl:call-template name="won"><xsl:with-param name="amount" select="$old"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="string(number($old)) != 'NaN'"><xsl:value-of select="$old"/>회</xsl:when>
      <xsl:otherwise><xsl:value-of select="$old"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="new-value">
    <xsl:choose>
      <xsl:when test="self::measure[@target]">
        <xsl:call-template name="duration-ko"><xsl:with-param name="d" select="@target"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="self::measure[@rings]"><xsl:value-of select="@rings"/>회</xsl:when>
      <xsl:when test="self::compensation">
        <xsl:call-template name="won"><xsl:with-param name="amount" select="@amount"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="self::accountability"><xsl:value-of select="@threshold"/>회</xsl:when>
      <xsl:when test="self::duty[@within]">
        <xsl:call-template name="duration-ko"><xsl:with-param name="d" select="@within"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="self::duty[@every]">
        <xsl:call-template name="duration-ko"><xsl:with-param name="d" select="@every"/></xsl:call-template>
        <xsl:text> </xsl:text><xsl:value-of select="@times"/><xsl:text>회</xsl:text>
      </xsl:when>
      <xsl:otherwise>—</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- stricter | looser | same | unknown -->
  <xsl:template name="override-compare">
    <xsl:param name="old"/>
    <xsl:variable name="o">
      <xsl:choose>
        <xsl:when test="starts-with($old, 'P')">
          <xsl:call-template name="duration-seconds"><xsl:with-param name="d" select="$old"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="number($old)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="n">
      <xsl:choose>
        <xsl:when test="self::measure[@target] and starts-with($old, 'P')">
          <xsl:call-template name="duration-seconds"><xsl:with-param name="d" select="@target"/></xsl:call-template>
        </xsl:when>
        <xsl:when test="self::measure[@rings]"><xsl:value-of select="@rings"/></xsl:when>
        <xsl:when test="self::compensation"><xsl:value-of select="@amount"/></xsl:when>
        <xsl:when test="self::accountability"><xsl:value-of select="@threshold"/></xsl:when>
        <xsl:otherwise>NaN</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <!-- for a compensation more is stricter; for the others less is -->
    <xsl:variable name="sign">
      <xsl:choose>
        <xsl:when test="self::compensation">-1</xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string(number($o)) = 'NaN' or string(number($n)) = 'NaN'">unknown</xsl:when>
      <xsl:when test="(number($n) - number($o)) * number($sign) &lt; 0">stricter</xsl:when>
      <xsl:when test="(number($n) - number($o)) * number($sign) &gt; 0">looser</xsl:when>
      <xsl:otherwise>same</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== contact and service windows ===== -->

  <xsl:template match="contact">
    <section class="contact">
      <xsl:call-template name="heading">
        <xsl:with-param name="level" select="2 + count(ancestor::inherited)"/>
        <xsl:with-param name="text" select="heading"/>
      </xsl:call-template>
      <address>
        <dl>
          <xsl:for-each select="item">
            <div>
              <dt><xsl:value-of select="@label"/><span class="sep"> : </span></dt>
              <dd><xsl:value-of select="."/></dd>
            </div>
          </xsl:for-each>
        </dl>
      </address>
    </section>
  </xsl:template>

  <xsl:template match="windows">
    <section class="windows">
      <xsl:call-template name="heading">
        <xsl:with-param name="level" select="2 + count(ancestor::inherited)"/>
        <xsl:with-param name="text" select="heading"/>
      </xsl:call-template>
      <div class="table-wrap">
        <table>
          <caption>
            <xsl:choose>
              <xsl:when test="caption"><xsl:value-of select="caption"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="heading"/></xsl:otherwise>
            </xsl:choose>
          </caption>
          <thead>
            <tr>
              <th scope="col">서비스명</th>
              <th scope="col">접수부서</th>
              <th scope="col">전화번호</th>
              <th scope="col">FAX</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="window">
              <tr>
                <th scope="row"><xsl:value-of select="service"/></th>
                <td><xsl:value-of select="team"/></td>
                <td><xsl:value-of select="phone"/></td>
                <td><xsl:value-of select="fax"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <!-- ===== compensation rules in force ===== -->

  <xsl:template name="compensation-summary">
    <xsl:variable name="rules" select="charter//compensation | inherited/charter//compensation[not(@overridden-by)]"/>
    <xsl:if test="$rules">
      <section class="compensation-summary" aria-labelledby="compensation-summary">
        <h2 id="compensation-summary">보상 기준 요약</h2>
        <div class="table-wrap">
          <table>
            <caption>이 부서에 적용되는 보상 기준</caption>
            <thead>
              <tr>
                <th scope="col">보상 사유</th>
                <th scope="col">보상</th>
                <th scope="col">조건 및 제외</th>
                <th scope="col">근거</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$rules">
                <tr data-id="{@id}">
                  <th scope="row"><xsl:call-template name="trigger-ko"/></th>
                  <td>
                    <xsl:if test="@apology = 'true' or @apology = '1'">사과와 함께 </xsl:if>
                    <xsl:call-template name="compensation-value"/>
                  </td>
                  <td>
                    <xsl:if test="@condition">
                      <xsl:call-template name="channel-ko"><xsl:with-param name="k" select="@condition"/></xsl:call-template>
                      <xsl:text> 시에 한함</xsl:text>
                      <xsl:if test="exclude">; </xsl:if>
                    </xsl:if>
                    <xsl:if test="exclude">
                      <xsl:text>제외: </xsl:text>
                      <xsl:call-template name="excludes"/>
                    </xsl:if>
                    <xsl:if test="not(@condition) and not(exclude)">—</xsl:if>
                  </td>
                  <td>
                    <xsl:choose>
                      <xsl:when test="ancestor::inherited">
                        <xsl:for-each select="ancestor::inherited"><xsl:call-template name="inherited-name"/></xsl:for-each>
                      </xsl:when>
                      <xsl:otherwise>이 부서 기준</xsl:otherwise>
                    </xsl:choose>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
