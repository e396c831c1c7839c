<?xml version="1.0" encoding="UTF-8"?>
<!-- worklist.xsl - staff views of the standards engine: the officers'
     worklist (nearest deadline first, overdue and due-soon marked in text,
     the filters as a plain GET form, officers flagged by accountability
     rules) and the compensation ledger with its totals. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="worklist" mode="title">민원 처리 목록 (worklist)</xsl:template>

  <xsl:template match="worklist">
    <h1>민원 처리 목록</h1>
    <p class="worklist-now">기준 시각 <xsl:value-of select="@now"/>;
      임박: <xsl:value-of select="@due-soon-until"/>까지 (근무시간 8시간 이내).</p>

    <form method="get" action="{$base}/admin/petitions" class="filters">
      <fieldset>
        <legend>거르기 (filters)</legend>
        <p>
          <label for="wl-dept">부서 (city/dept)</label>
          <input type="text" id="wl-dept" name="dept" value="{filters/@dept}" placeholder="gwangmyeong/autonomy"/>
        </p>
        <p>
          <label for="wl-state">상태</label>
          <select id="wl-state" name="state">
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="''"/><xsl:with-param name="label">전체</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'open'"/><xsl:with-param name="label">처리 중 전체 (open)</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'received'"/><xsl:with-param name="label">접수 (received)</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'in-progress'"/><xsl:with-param name="label">처리 중 (in-progress)</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'awaiting-supplement'"/><xsl:with-param name="label">보완 대기 (awaiting-supplement)</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'answered'"/><xsl:with-param name="label">답변 완료 (answered)</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'closed'"/><xsl:with-param name="label">종결 (closed)</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'withdrawn'"/><xsl:with-param name="label">취하 (withdrawn)</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
          </select>
        </p>
        <p>
          <label for="wl-due">기한 이전 (due before)</label>
          <input type="text" id="wl-due" name="due_before" value="{filters/@due-before}" placeholder="2026-03-02T18:00"/>
        </p>
        <p>
          <label for="wl-breached">기준 위반</label>
          <select id="wl-breached" name="breached">
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="''"/><xsl:with-param name="label">전체</xsl:with-param><xsl:with-param name="cur" select="filters/@breached"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'yes'"/><xsl:with-param name="label">위반 (yes)</xsl:with-param><xsl:with-param name="cur" select="filters/@breached"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'no'"/><xsl:with-param name="label">위반 없음 (no)</xsl:with-param><xsl:with-param name="cur" select="filters/@breached"/></xsl:call-template>
          </select>
        </p>
        <p>
          <label for="wl-per-page">쪽당 건수</label>
          <input type="number" id="wl-per-page" name="per_page" min="1" max="200" value="{filters/@per-page}"/>
        </p>
        <p><button type="submit">보기</button></p>
      </fieldset>
    </form>

    <table class="worklist">
      <caption>
        <xsl:text>처리 기한이 가까운 순서의 민원 </xsl:text>
        <xsl:value-of select="@total"/>건 중 <xsl:value-of select="count(petitions/petition)"/>건
        (<xsl:value-of select="@page"/>/<xsl:value-of select="@pages"/>쪽)
      </caption>
      <thead>
        <tr>
          <th scope="col">접수번호</th><th scope="col">부서</th><th scope="col">종류</th>
          <th scope="col">접수 경로</th><th scope="col">접수 시각</th><th scope="col">상태</th>
          <th scope="col">가장 가까운 기한</th><th scope="col">기한 상황</th><th scope="col">기준 위반</th>
          <th scope="col">담당자</th><th scope="col">보완·연장</th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="petitions/petition">
          <tr>
            <xsl:attribute name="class">
              <xsl:choose>
                <xsl:when test="@overdue = 'true'">overdue</xsl:when>
                <xsl:when test="@due-soon = 'true'">due-soon</xsl:when>
                <xsl:otherwise>later</xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <td><a href="{$base}/admin/petitions/{@receipt}"><xsl:value-of select="@receipt"/></a></td>
            <td><xsl:value-of select="@department"/></td>
            <td><xsl:value-of select="@kind-ko"/></td>
            <td><xsl:call-template name="channel-ko"><xsl:with-param name="k" select="@channel"/></xsl:call-template></td>
            <td><xsl:value-of select="@received"/></td>
            <td><xsl:value-of select="@state"/></td>
            <td>
              <xsl:choose>
                <xsl:when test="@next-due"><xsl:value-of select="@next-due"/></xsl:when>
                <xsl:otherwise>없음</xsl:otherwise>
              </xsl:choose>
              <xsl:if test="@holiday-data-missing"><xsl:text> </xsl:text><xsl:call-template name="holiday-data-missing"><xsl:with-param name="year" select="@holiday-data-missing"/></xsl:call-template></xsl:if>
            </td>
            <td>
              <xsl:choose>
                <xsl:when test="@overdue = 'true'"><strong class="marker">기한 경과 (overdue)</strong></xsl:when>
                <xsl:when test="@due-soon = 'true'"><strong class="marker">기한 임박 (due soon)</strong></xsl:when>
                <xsl:otherwise>-</xsl:otherwise>
              </xsl:choose>
            </td>
            <td><xsl:choose><xsl:when test="@breached = 'true'">위반</xsl:when><xsl:otherwise>-</xsl:otherwise></xsl:choose></td>
            <td><xsl:value-of select="@officer"/></td>
            <td>
              <xsl:if test="@supplemented = 'true'">보완 </xsl:if>
              <xsl:if test="@extended = 'true'">연장</xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:if test="not(petitions/petition)"><p>조건에 맞는 민원이 없습니다.</p></xsl:if>
    <xsl:call-template name="wl-pager">
      <xsl:with-param name="action" select="'/admin/petitions'"/>
    </xsl:call-template>

    <h2>책임 조치 대상 공무원</h2>
    <xsl:choose>
      <xsl:when test="flags/flag">
        <table class="flags">
          <caption>인정된 불만 제기 건수에 따라 헌장의 책임 규정이 정한 조치</caption>
          <thead><tr><th scope="col">부서</th><th scope="col">담당자</th><th scope="col">인정 건수</th><th scope="col">조치</th><th scope="col">규정</th></tr></thead>
          <tbody>
            <xsl:for-each select="flags/flag">
              <tr>
                <td><xsl:value-of select="@department"/></td>
                <td><xsl:value-of select="@officer"/></td>
                <td><xsl:value-of select="@count"/></td>
                <td><strong><xsl:value-of select="@action-ko"/></strong> (<xsl:value-of select="@action"/>)</td>
                <td><xsl:value-of select="@rule"/> (<xsl:value-of select="@threshold"/>건 이상, <xsl:value-of select="@origin"/>)</td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p>책임 규정에 해당하는 공무원이 없습니다.</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="wl-option">
    <xsl:param name="v"/>
    <xsl:param name="label"/>
    <xsl:param name="cur"/>
    <option value="{$v}">
      <xsl:if test="string($cur) = $v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:value-of select="$label"/>
    </option>
  </xsl:template>

  <!-- previous / next page: small GET forms carrying the filters (no URL is built by hand) -->
  <xsl:template name="wl-pager">
    <xsl:param name="action"/>
    <xsl:if test="@pages &gt; 1">
      <nav class="pager" aria-label="쪽 이동">
        <xsl:if test="@page &gt; 1">
          <form method="get" action="{$base}{$action}">
            <xsl:for-each select="filters/@*[name() != 'per-page' and . != '']">
              <input type="hidden" name="{translate(name(), '-', '_')}" value="{.}"/>
            </xsl:for-each>
            <input type="hidden" name="per_page" value="{@per-page}"/>
            <input type="hidden" name="page" value="{@page - 1}"/>
            <button type="submit">이전 쪽</button>
          </form>
        </xsl:if>
        <xsl:if test="@page &lt; @pages">
          <form method="get" action="{$base}{$action}">
            <xsl:for-each select="filters/@*[name() != 'per-page' and . != '']">
              <input type="hidden" name="{translate(name(), '-', '_')}" value="{.}"/>
            </xsl:for-each>
            <input type="hidden" name="per_page" value="{@per-page}"/>
            <input type="hidden" name="page" value="{@page + 1}"/>
            <button type="submit">다음 쪽</button>
          </form>
        </xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="compensation-ledger" mode="title">보상 대장 (compensation ledger)</xsl:template>

  <xsl:template match="compensation-ledger">
    <h1>보상 대장</h1>
    <form method="get" action="{$base}/admin/compensation" class="filters">
      <fieldset>
        <legend>거르기 (filters)</legend>
        <p>
          <label for="lg-state">상태</label>
          <select id="lg-state" name="state">
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="''"/><xsl:with-param name="label">전체</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'owed'"/><xsl:with-param name="label">지급 대상 (owed)</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'notified'"/><xsl:with-param name="label">안내 완료 (notified)</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
            <xsl:call-template name="wl-option"><xsl:with-param name="v" select="'paid'"/><xsl:with-param name="label">지급 완료 (paid)</xsl:with-param><xsl:with-param name="cur" select="filters/@state"/></xsl:call-template>
          </select>
        </p>
        <p>
          <label for="lg-dept">부서 (city/dept)</label>
          <input type="text" id="lg-dept" name="dept" value="{filters/@dept}"/>
        </p>
        <p>
          <label for="lg-from">기록일 부터</label>
          <input type="text" id="lg-from" name="from" value="{filters/@from}" placeholder="2026-01-01"/>
        </p>
        <p>
          <label for="lg-to">기록일 까지</label>
          <input type="text" id="lg-to" name="to" value="{filters/@to}" placeholder="2026-12-31"/>
        </p>
        <p><button type="submit">보기</button></p>
      </fieldset>
    </form>

    <table class="ledger-totals">
      <caption>상태별 합계</caption>
      <thead><tr><th scope="col">상태</th><th scope="col">건수</th><th scope="col">금액</th></tr></thead>
      <tbody>
        <xsl:for-each select="totals/total">
          <tr>
            <td><xsl:value-of select="@state"/></td>
            <td><xsl:value-of select="@count"/></td>
            <td><xsl:value-of select="format-number(@amount, '#,##0')"/><xsl:text> </xsl:text><xsl:value-of select="@currency"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>

    <table class="ledger">
      <caption>보상 대장: <xsl:value-of select="@total"/>건 중 <xsl:value-of select="count(entries/entry)"/>건
        (<xsl:value-of select="@page"/>/<xsl:value-of select="@pages"/>쪽), 최근 기록 순</caption>
      <thead>
        <tr>
          <th scope="col">번호</th><th scope="col">접수번호</th><th scope="col">부서</th><th scope="col">규정</th>
          <th scope="col">사유</th><th scope="col">기준</th><th scope="col">금액</th><th scope="col">형태</th>
          <th scope="col">상태</th><th scope="col">발생</th><th scope="col">기록</th><th scope="col">안내</th>
          <th scope="col">지급</th><th scope="col">헌장</th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="entries/entry">
          <tr>
            <td><xsl:value-of select="@id"/></td>
            <td><a href="{$base}/admin/petitions/{@receipt}"><xsl:value-of select="@receipt"/></a></td>
            <td><xsl:value-of select="@department"/></td>
            <td><xsl:value-of select="@rule"/> (<xsl:value-of select="@rule-origin"/>)</td>
            <td><xsl:value-of select="@trigger"/></td>
            <td><xsl:value-of select="@standard"/></td>
            <td><xsl:value-of select="format-number(@amount, '#,##0')"/><xsl:text> </xsl:text><xsl:value-of select="@currency"/></td>
            <td><xsl:value-of select="@form"/></td>
            <td><xsl:value-of select="@state"/></td>
            <td><xsl:value-of select="@arose"/></td>
            <td><xsl:value-of select="@booked"/></td>
            <td><xsl:value-of select="@notified"/></td>
            <td><xsl:value-of select="@paid"/></td>
            <td>제<xsl:value-of select="@version"/>판 <xsl:value-of select="@version-label"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:if test="not(entries/entry)"><p>조건에 맞는 보상 기록이 없습니다.</p></xsl:if>
    <xsl:call-template name="wl-pager">
      <xsl:with-param name="action" select="'/admin/compensation'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="compensation-entry" mode="title">보상 <xsl:value-of select="@id"/></xsl:template>

  <xsl:template match="compensation-entry">
    <h1>보상 <xsl:value-of select="@id"/> (<xsl:value-of select="@receipt"/>)</h1>
    <p>상태: <xsl:value-of select="@state"/></p>
    <ol class="events">
      <xsl:for-each select="log/change">
        <li><xsl:value-of select="@at"/><xsl:text> </xsl:text><xsl:value-of select="@state"/> (<xsl:value-of select="@by"/>)<xsl:if test="@note != ''"> — <xsl:value-of select="@note"/></xsl:if></li>
      </xsl:for-each>
    </ol>
  </xsl:template>

</xsl:stylesheet>
