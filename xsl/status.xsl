<?xml version="1.0" encoding="UTF-8"?>
<!--
  status.xsl - the citizen's status page (petition-status) and the one
  answer for a petition that cannot be shown (petition-not-found). The
  applicant's personal data is never in the document; the page says so.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="state-ko">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'received'">접수</xsl:when>
      <xsl:when test="$s = 'forwarded'">담당 부서 이송</xsl:when>
      <xsl:when test="$s = 'in-progress' or $s = 'contacted'">처리 중</xsl:when>
      <xsl:when test="$s = 'supplement-requested' or $s = 'awaiting-supplement'">보완 요청 (처리 기간 정지)</xsl:when>
      <xsl:when test="$s = 'answered'">답변 완료</xsl:when>
      <xsl:when test="$s = 'closed'">종결</xsl:when>
      <xsl:when test="$s = 'withdrawn'">취하</xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="event-ko">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="$t = 'received'">접수</xsl:when>
      <xsl:when test="$t = 'forwarded'">이송</xsl:when>
      <xsl:when test="$t = 'contacted'">신청인 연락</xsl:when>
      <xsl:when test="$t = 'answered'">답변</xsl:when>
      <xsl:when test="$t = 'supplement-requested'">보완 요청</xsl:when>
      <xsl:when test="$t = 'supplement-received'">보완 접수</xsl:when>
      <xsl:when test="$t = 'extended'">처리 기간 연장</xsl:when>
      <xsl:when test="$t = 'closed'">종결</xsl:when>
      <xsl:when test="$t = 'withdrawn'">취하</xsl:when>
      <xsl:when test="$t = 'revisit'">재방문</xsl:when>
      <xsl:when test="$t = 'dissatisfaction'">불만 제기</xsl:when>
      <xsl:when test="$t = 'assigned'">담당자 지정</xsl:when>
      <xsl:when test="$t = 'investigated'">조사 완료</xsl:when>
      <xsl:when test="$t = 'result-notified'">결과 통보</xsl:when>
      <xsl:when test="$t = 'officer-found'">담당자 연결</xsl:when>
      <xsl:when test="$t = 'called-back'">회신 전화</xsl:when>
      <xsl:when test="$t = 'feedback-received'">의견 접수</xsl:when>
      <xsl:when test="$t = 'call-rung'">전화 신호</xsl:when>
      <xsl:when test="$t = 'call-answered'">전화 응답</xsl:when>
      <xsl:when test="$t = 'call-missed'">부재중 전화</xsl:when>
      <xsl:when test="$t = 'visitor-arrived'">방문</xsl:when>
      <xsl:when test="$t = 'visitor-greeted'">방문객 응대</xsl:when>
      <xsl:when test="$t = 'visitor-consulted'">방문 상담</xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a result as the citizen reads it: 처리 중, 기한 내 처리, 기한 초과 n시간, 해당 없음 -->
  <xsl:template name="result-ko">
    <xsl:param name="m"/>
    <xsl:choose>
      <xsl:when test="$m/@status = 'met'">기한 내 처리</xsl:when>
      <xsl:when test="$m/@status = 'breached'">기한 초과 <xsl:value-of select="$m/@late-hours"/>시간</xsl:when>
      <xsl:when test="$m/@status = 'na'">해당 없음</xsl:when>
      <xsl:otherwise>처리 중</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="petition-status" mode="title">민원 처리 상황</xsl:template>

  <xsl:template match="petition-status">
    <h1>민원 처리 상황</h1>
    <dl class="petition">
      <dt>접수번호</dt><dd><xsl:value-of select="@receipt"/></dd>
      <dt>처리 상태</dt>
      <dd class="state"><xsl:call-template name="state-ko"><xsl:with-param name="s" select="string(@state)"/></xsl:call-template></dd>
      <dt>민원 종류</dt>
      <dd><xsl:call-template name="kind-ko"><xsl:with-param name="k" select="string(@kind)"/></xsl:call-template></dd>
      <dt>접수 경로</dt>
      <dd><xsl:call-template name="channel-ko"><xsl:with-param name="k" select="string(@channel)"/></xsl:call-template></dd>
      <dt>접수 일시</dt><dd><xsl:value-of select="@received"/></dd>
      <dt>담당 부서</dt><dd class="department"><xsl:value-of select="concat(@city, ' ', @department)"/></dd>
      <dt>적용 헌장</dt>
      <dd>제<xsl:value-of select="@version"/>판 (<xsl:value-of select="@version-label"/>)</dd>
      <dt>담당자</dt>
      <dd class="officer">
        <xsl:choose>
          <xsl:when test="officer">
            <xsl:value-of select="officer/@name"/>
            <xsl:if test="officer/@unit != ''"> · <xsl:value-of select="officer/@unit"/></xsl:if>
            <xsl:if test="officer/@phone != ''"> · 전화 <xsl:value-of select="officer/@phone"/></xsl:if>
          </xsl:when>
          <xsl:otherwise>아직 지정되지 않았습니다 (지정되면 이름과 연락처를 알려 드립니다).</xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt>신청인</dt><dd class="applicant">신청인 정보는 보호됩니다.</dd>
    </dl>

    <h2>처리 기간</h2>
    <xsl:choose>
      <xsl:when test="statutory or measures/measure">
        <dl class="deadlines">
          <xsl:if test="statutory">
            <dt>법정 처리 기간</dt>
            <dd><xsl:value-of select="statutory/@value"/>
              <xsl:choose><xsl:when test="statutory/@unit = 'hours'">시간</xsl:when><xsl:otherwise>일</xsl:otherwise></xsl:choose>
              <xsl:if test="statutory/@from = 'charter'"> (헌장의 기본값)</xsl:if>
              <xsl:if test="statutory/@from = 'law'"> (법령의 기본값)</xsl:if>
              <xsl:if test="@statutory-due"> — 처리 기한 <span class="due"><xsl:value-of select="@statutory-due"/></span></xsl:if>
            </dd>
          </xsl:if>
          <xsl:if test="@extended = 'yes'">
            <dt>처리 기간 연장</dt>
            <dd class="extension">연장됨<xsl:if test="extension/@due">: 새 기한 <xsl:value-of select="extension/@due"/></xsl:if>
              <xsl:if test="extension/@reason != ''"> — 사유: <xsl:value-of select="extension/@reason"/></xsl:if></dd>
          </xsl:if>
          <xsl:if test="@supplemented = 'yes'">
            <dt>보완</dt><dd class="supplemented">보완을 거쳤습니다 (보완 기간은 처리 기간에 넣지 않습니다).</dd>
          </xsl:if>
        </dl>
        <table class="results">
          <caption>이행기준별 처리 기한과 결과 (한국 시간)</caption>
          <thead><tr><th scope="col">구간</th><th scope="col">기준</th><th scope="col">기한</th><th scope="col">결과</th></tr></thead>
          <tbody>
            <xsl:for-each select="measures/measure">
              <tr>
                <td>
                  <xsl:call-template name="event-ko"><xsl:with-param name="t" select="string(@from)"/></xsl:call-template>
                  <xsl:text> → </xsl:text>
                  <xsl:call-template name="event-ko"><xsl:with-param name="t" select="string(@to)"/></xsl:call-template>
                </td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@target != ''">
                      <xsl:call-template name="duration-ko"><xsl:with-param name="d" select="string(@target)"/></xsl:call-template>
                      <xsl:text> 이내 (</xsl:text>
                      <xsl:call-template name="clock-ko"><xsl:with-param name="clock" select="string(@clock)"/></xsl:call-template>
                      <xsl:text>)</xsl:text>
                    </xsl:when>
                    <xsl:when test="@rings != ''">신호 <xsl:value-of select="@rings"/>번 안에</xsl:when>
                  </xsl:choose>
                  <span class="origin"> — <xsl:choose><xsl:when test="@basis = 'statutory'">법정</xsl:when><xsl:otherwise><xsl:value-of select="@origin"/></xsl:otherwise></xsl:choose></span>
                </td>
                <td class="due">
                  <xsl:choose>
                    <xsl:when test="@paused = 'yes'">보완 중 — 기한 정지</xsl:when>
                    <xsl:when test="@due"><xsl:value-of select="@due"/></xsl:when>
                    <xsl:otherwise>—</xsl:otherwise>
                  </xsl:choose>
                </td>
                <td class="result"><xsl:call-template name="result-ko"><xsl:with-param name="m" select="."/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p>이 민원에 적용되는 처리 기간이 없습니다.</p></xsl:otherwise>
    </xsl:choose>

    <h2>처리 경과</h2>
    <xsl:choose>
      <xsl:when test="events/event">
        <table class="events">
          <caption class="visually-hidden">처리 경과 (한국 시간)</caption>
          <thead><tr><th scope="col">일시 (KST)</th><th scope="col">내용</th><th scope="col">비고</th></tr></thead>
          <tbody>
            <xsl:for-each select="events/event">
              <tr>
                <td><xsl:value-of select="@at"/></td>
                <td><xsl:call-template name="event-ko"><xsl:with-param name="t" select="string(@type)"/></xsl:call-template></td>
                <td>
                  <xsl:if test="@due">새 기한 <xsl:value-of select="@due"/>. </xsl:if>
                  <xsl:value-of select="@reason"/>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p>접수 뒤 기록된 처리 경과가 아직 없습니다.</p></xsl:otherwise>
    </xsl:choose>

    <xsl:apply-templates select="feedback"/>

    <h2>신청 내용</h2>
    <section class="petition-text">
      <h3 class="petition-title"><xsl:value-of select="title"/></h3>
      <div class="petition-body"><xsl:value-of select="body"/></div>
    </section>
  </xsl:template>

  <xsl:template match="petition-not-found" mode="title">민원을 찾을 수 없습니다</xsl:template>

  <xsl:template match="petition-not-found">
    <h1>민원을 찾을 수 없습니다</h1>
    <p class="status">오류 코드 404</p>
    <p>접수번호나 접근 코드가 맞지 않습니다. 접수할 때 받은 접수번호와 접근 코드를 확인해 주십시오.
      여러 번 틀리면 잠시 조회할 수 없습니다.</p>
  </xsl:template>

  <xsl:template match="petition-throttled" mode="title">잠시 뒤 다시 조회해 주십시오</xsl:template>

  <xsl:template match="petition-throttled">
    <h1>잠시 뒤 다시 조회해 주십시오</h1>
    <p class="status">오류 코드 429</p>
    <p>접근 코드가 여러 번 맞지 않아 이 기기에서의 조회를 잠시 막았습니다. 10분쯤 뒤에 다시 시도해 주십시오.</p>
  </xsl:template>

</xsl:stylesheet>
