<?xml version="1.0" encoding="UTF-8"?>
<!-- admin.xsl - staff views: one petition with its applicant (when the reader may
     see it), the standards that apply with their results, the whole event history,
     attachments and the compensation booked; the answers to a recorded event and a
     recorded duty. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- A deadline counted into a year the holiday data does not cover (that
       year's holidays are not skipped): the year, on the staff page and in
       the worklist. -->
  <xsl:template name="holiday-data-missing">
    <xsl:param name="year"/>
    <strong class="marker holiday-data-missing">holiday data missing for <xsl:value-of select="$year"/></strong>
  </xsl:template>

  <xsl:template match="petition-admin" mode="title">민원 <xsl:value-of select="@receipt"/></xsl:template>

  <xsl:template match="petition-admin">
    <h1>민원 <xsl:value-of select="@receipt"/></h1>
    <dl class="facts">
      <dt>상태</dt><dd><xsl:value-of select="@state"/></dd>
      <dt>종류</dt><dd><xsl:value-of select="@kind-ko"/></dd>
      <dt>접수 경로</dt><dd><xsl:value-of select="@channel"/> (<xsl:value-of select="@source"/>
        <xsl:if test="@external-id != ''"><xsl:text> </xsl:text><xsl:value-of select="@external-id"/></xsl:if>)</dd>
      <dt>부서</dt><dd><xsl:value-of select="@city"/>/<xsl:value-of select="@dept"/> (헌장 제<xsl:value-of select="@charter-version"/>판)</dd>
      <dt>접수 시각</dt><dd><xsl:value-of select="@received"/></dd>
      <dt>법정처리기간</dt>
      <dd>
        <xsl:choose>
          <xsl:when test="@statutory-value != ''">
            <xsl:value-of select="@statutory-value"/>
            <xsl:choose><xsl:when test="@statutory-unit = 'hours'">시간</xsl:when><xsl:otherwise>일</xsl:otherwise></xsl:choose>
            <xsl:text> (</xsl:text><xsl:value-of select="@statutory-from"/><xsl:text>)</xsl:text>
          </xsl:when>
          <xsl:otherwise>정하지 않음</xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt>법정 처리 기한</dt>
      <dd class="statutory-due"><xsl:value-of select="@statutory-due"/>
        <xsl:if test="@extended = 'yes'"> (연장됨)</xsl:if></dd>
      <dt>가장 가까운 기한</dt><dd class="next-due"><xsl:value-of select="@next-due"/></dd>
      <xsl:if test="@holiday-data-missing">
        <dt>공휴일 자료</dt>
        <dd><xsl:call-template name="holiday-data-missing"><xsl:with-param name="year" select="@holiday-data-missing"/></xsl:call-template>
          <xsl:text>: </xsl:text><xsl:value-of select="@holiday-data-missing"/>년의 공휴일 자료가 없어, 그 해에 걸친 기한은 토·일요일만 빼고 계산했습니다
          (charterctl holidays import --year <xsl:value-of select="@holiday-data-missing"/>).</dd>
      </xsl:if>
      <dt>보완 · 연장 · 기한 초과</dt>
      <dd><xsl:value-of select="@supplemented"/> · <xsl:value-of select="@extended"/> · <xsl:value-of select="@breached"/></dd>
      <dt>담당자</dt>
      <dd><xsl:value-of select="officer/@name"/><xsl:text> </xsl:text><xsl:value-of select="officer/@unit"/><xsl:text> </xsl:text><xsl:value-of select="officer/@phone"/></dd>
    </dl>

    <h2>신청인</h2>
    <xsl:choose>
      <xsl:when test="applicant/@visible = 'true'">
        <dl class="applicant">
          <dt>성명</dt><dd><xsl:value-of select="applicant/name"/></dd>
          <dt>주소</dt><dd><xsl:value-of select="applicant/address"/></dd>
          <dt>전화</dt><dd><xsl:value-of select="applicant/phone"/></dd>
          <dt>전자우편</dt><dd><xsl:value-of select="applicant/email"/></dd>
          <dt>SMS 수신 동의</dt><dd><xsl:value-of select="applicant/sms-consent"/></dd>
        </dl>
      </xsl:when>
      <xsl:otherwise><p>신고자 보호: 신청인 정보는 감사 담당만 볼 수 있습니다.</p></xsl:otherwise>
    </xsl:choose>

    <h2>내용</h2>
    <h3><xsl:value-of select="title"/></h3>
    <p class="petition-body"><xsl:value-of select="body"/></p>

    <h2>적용되는 기준</h2>
    <table>
      <caption>이 민원에 적용되는 이행기준</caption>
      <thead><tr><th scope="col">기준</th><th scope="col">구간</th><th scope="col">목표</th><th scope="col">시계</th><th scope="col">구분</th><th scope="col">출처</th>
        <th scope="col">기한 (KST)</th><th scope="col">결과</th><th scope="col">완료</th></tr></thead>
      <tbody>
        <xsl:for-each select="measures/measure">
          <tr>
            <td><xsl:value-of select="@id"/></td>
            <td><xsl:value-of select="@from"/> → <xsl:value-of select="@to"/></td>
            <td><xsl:value-of select="@target"/><xsl:if test="@rings"><xsl:value-of select="@rings"/>회</xsl:if></td>
            <td><xsl:value-of select="@clock"/></td>
            <td><xsl:value-of select="@basis"/></td>
            <td><xsl:value-of select="@origin"/></td>
            <td><xsl:choose><xsl:when test="@paused = '1'">보완 중 — 기한 정지</xsl:when><xsl:otherwise><xsl:value-of select="@due"/></xsl:otherwise></xsl:choose>
              <xsl:if test="@holiday-data-missing"><xsl:text> </xsl:text><xsl:call-template name="holiday-data-missing"><xsl:with-param name="year" select="@holiday-data-missing"/></xsl:call-template></xsl:if></td>
            <td class="result">
              <xsl:choose>
                <xsl:when test="@status = 'met'">기한 내 처리</xsl:when>
                <xsl:when test="@status = 'breached'">기한 초과 <xsl:value-of select="@late-hours"/>시간
                  <xsl:if test="@breach-booked"> (기록 <xsl:value-of select="@breach-booked"/>, <xsl:value-of select="@booked-by"/>)</xsl:if></xsl:when>
                <xsl:when test="@status = 'na'">해당 없음</xsl:when>
                <xsl:otherwise>처리 중</xsl:otherwise>
              </xsl:choose>
            </td>
            <td><xsl:value-of select="@done"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>

    <h2>처리 경과</h2>
    <xsl:choose>
      <xsl:when test="events/event">
        <table class="events">
          <caption>기록된 처리 경과 (고칠 수 없고, 다음 기록으로만 바로잡습니다)</caption>
          <thead><tr><th scope="col">일시 (KST)</th><th scope="col">내용</th><th scope="col">담당자</th><th scope="col">새 기한 · 사유</th>
            <th scope="col">인정 여부</th><th scope="col">메모</th><th scope="col">기록</th></tr></thead>
          <tbody>
            <xsl:for-each select="events/event">
              <tr>
                <td><xsl:value-of select="@at"/></td>
                <td><xsl:value-of select="@type"/></td>
                <td><xsl:value-of select="@officer"/></td>
                <td><xsl:if test="@due">새 기한 <xsl:value-of select="@due"/></xsl:if>
                  <xsl:if test="@reason"> — <xsl:value-of select="@reason"/></xsl:if>
                  <xsl:if test="@consent = '1'"> (신청인 동의)</xsl:if></td>
                <td><xsl:choose><xsl:when test="@upheld = '1'">인정</xsl:when><xsl:when test="@upheld = '0'">불인정</xsl:when></xsl:choose></td>
                <td><xsl:value-of select="@note"/></td>
                <td><xsl:value-of select="@recorded-by"/>, <xsl:value-of select="@recorded-at"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p>기록된 처리 경과가 없습니다.</p></xsl:otherwise>
    </xsl:choose>

    <h2>보상</h2>
    <xsl:choose>
      <xsl:when test="compensation/entry">
        <table class="compensation">
          <caption>이 민원에 기록된 보상</caption>
          <thead><tr><th scope="col">규정</th><th scope="col">사유</th><th scope="col">기준</th><th scope="col">금액</th><th scope="col">형태</th><th scope="col">상태</th><th scope="col">발생</th><th scope="col">기록</th></tr></thead>
          <tbody>
            <xsl:for-each select="compensation/entry">
              <tr>
                <td><xsl:value-of select="@rule"/> (<xsl:value-of select="@rule-origin"/>, 헌장 제<xsl:value-of select="@charter-version"/>판)</td>
                <td><xsl:value-of select="@trigger"/></td>
                <td><xsl:value-of select="@standard"/></td>
                <td><xsl:value-of select="@amount"/><xsl:text> </xsl:text><xsl:value-of select="@currency"/></td>
                <td><xsl:value-of select="@form"/></td>
                <td><xsl:value-of select="@state"/></td>
                <td><xsl:value-of select="@arose"/></td>
                <td><xsl:value-of select="@booked-by"/>, <xsl:value-of select="@booked"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p>기록된 보상이 없습니다.</p></xsl:otherwise>
    </xsl:choose>

    <xsl:if test="attachments/attachment">
      <h2>첨부 파일</h2>
      <ul>
        <xsl:for-each select="attachments/attachment">
          <li>
            <a href="{$base}/admin/petitions/{../../@receipt}/attachments/{@n}"><xsl:value-of select="@filename"/></a>
            <xsl:text> (</xsl:text><xsl:value-of select="@media-type"/>, <xsl:value-of select="@bytes"/> bytes, SHA-256 <xsl:value-of select="@sha256"/>)
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template match="event-recorded" mode="title">처리 경과 기록: <xsl:value-of select="@receipt"/></xsl:template>

  <xsl:template match="event-recorded">
    <h1>처리 경과를 기록했습니다</h1>
    <p>민원 <a href="{$base}/admin/petitions/{@receipt}"><xsl:value-of select="@receipt"/></a>에
      <xsl:text> </xsl:text><strong><xsl:value-of select="@type"/></strong>을(를) 기록했습니다.
      상태: <xsl:value-of select="@state"/>.</p>
    <dl class="facts">
      <dt>법정 처리 기한</dt><dd><xsl:value-of select="@statutory-due"/><xsl:if test="@extended = 'yes'"> (연장됨)</xsl:if></dd>
      <dt>가장 가까운 기한</dt><dd><xsl:value-of select="@next-due"/></dd>
    </dl>
    <table class="results">
      <caption>이행기준별 결과</caption>
      <thead><tr><th scope="col">기준</th><th scope="col">구간</th><th scope="col">기한 (KST)</th><th scope="col">결과</th></tr></thead>
      <tbody>
        <xsl:for-each select="result">
          <tr>
            <td><xsl:value-of select="@id"/> (<xsl:value-of select="@basis"/>)</td>
            <td><xsl:value-of select="@from"/> → <xsl:value-of select="@to"/></td>
            <td><xsl:choose><xsl:when test="@paused = 'yes'">보완 중 — 기한 정지</xsl:when><xsl:otherwise><xsl:value-of select="@due-kst"/></xsl:otherwise></xsl:choose></td>
            <td><xsl:value-of select="@status"/><xsl:if test="@late-seconds"> (<xsl:value-of select="@late-seconds"/>초 늦음)</xsl:if></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="duty-recorded" mode="title">의무 이행 기록</xsl:template>

  <xsl:template match="duty-recorded">
    <h1>의무 이행을 기록했습니다</h1>
    <p><xsl:value-of select="@city"/>/<xsl:value-of select="@dept"/>: <xsl:value-of select="@what"/>
      (<xsl:value-of select="@at"/>)</p>
  </xsl:template>

</xsl:stylesheet>
