<?xml version="1.0" encoding="UTF-8"?>
<!--
  feedback.xsl - the questionnaire on the citizen's status page once the
  petition is answered (feedback: the form, or the answer given with
  thanks), and the auditor's survey results and improvement plans
  (survey-result, improvement-plan, surveys). Each error sits next to its
  field, tied to it with aria-describedby; values come back as typed.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="feedback[@state = 'given']">
    <section class="feedback given" aria-labelledby="fb-title">
      <h2 id="fb-title">처리 만족도 설문</h2>
      <p class="thanks">설문에 답해 주셔서 감사합니다. 보내 주신 의견은 서비스 개선에 활용합니다.</p>
      <dl class="feedback-answer">
        <dt>만족도</dt>
        <dd class="fb-score"><xsl:value-of select="answer/@score"/> / 5</dd>
        <dt>약속을 지켰습니까</dt>
        <dd class="fb-kept">
          <xsl:choose>
            <xsl:when test="answer/@promise-kept = 'yes'">예</xsl:when>
            <xsl:when test="answer/@promise-kept = 'no'">아니오</xsl:when>
            <xsl:otherwise>답하지 않음</xsl:otherwise>
          </xsl:choose>
        </dd>
        <xsl:if test="answer/comment">
          <dt>의견</dt>
          <dd class="fb-comment"><xsl:value-of select="answer/comment"/></dd>
        </xsl:if>
        <dt>답한 때</dt><dd><xsl:value-of select="answer/@at"/></dd>
      </dl>
    </section>
  </xsl:template>

  <!-- aria-describedby / aria-invalid of a questionnaire field -->
  <xsl:template name="fb-described">
    <xsl:param name="f"/>
    <xsl:if test="$f/@error">
      <xsl:attribute name="aria-describedby">fb-e-<xsl:value-of select="$f/@name"/></xsl:attribute>
      <xsl:attribute name="aria-invalid">true</xsl:attribute>
    </xsl:if>
  </xsl:template>

  <xsl:template name="fb-error">
    <xsl:param name="f"/>
    <xsl:if test="$f/@error">
      <p class="field-error" id="fb-e-{$f/@name}"><xsl:value-of select="$f/@error"/></p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="fb-score">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:variable name="f" select="form/field[@name = 'score']"/>
    <span class="score">
      <input type="radio" name="score" value="{$n}" id="fb-score-{$n}">
        <xsl:if test="$n = 1"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="string($f) = string($n)"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <label for="fb-score-{$n}"><xsl:value-of select="$n"/> (<xsl:value-of select="$label"/>)</label>
    </span>
  </xsl:template>

  <xsl:template match="feedback[@state = 'open']">
    <section class="feedback" aria-labelledby="fb-title">
      <h2 id="fb-title">처리 만족도 설문</h2>
      <xsl:choose>
        <xsl:when test="form">
          <xsl:variable name="score" select="form/field[@name = 'score']"/>
          <xsl:variable name="kept" select="form/field[@name = 'promise_kept']"/>
          <xsl:variable name="comment" select="form/field[@name = 'comment']"/>
          <p>답변을 받으셨습니다. 이 민원의 처리에 대해 짧은 설문에 답해 주십시오 (한 번만 답할 수 있습니다).</p>
          <xsl:if test="form/notice or form/field/@error">
            <div class="form-errors" role="alert">
              <p>입력한 내용을 확인해 주십시오.</p>
              <ul>
                <xsl:for-each select="form/notice"><li><xsl:value-of select="."/></li></xsl:for-each>
                <xsl:for-each select="form/field[@error]">
                  <li><a href="#fb-{@name}"><xsl:value-of select="@error"/></a></li>
                </xsl:for-each>
              </ul>
            </div>
          </xsl:if>
          <form method="post" action="{$base}/petitions/{@receipt}/feedback" class="feedback-form">
            <input type="hidden" name="csrf" value="{form/@csrf}"/>
            <input type="hidden" name="code" value="{form/@code}"/>
            <fieldset id="fb-score">
              <xsl:call-template name="fb-described"><xsl:with-param name="f" select="$score"/></xsl:call-template>
              <legend>민원 처리에 얼마나 만족하셨습니까? (필수)</legend>
              <div class="scores">
                <xsl:call-template name="fb-score"><xsl:with-param name="n" select="1"/><xsl:with-param name="label">매우 불만족</xsl:with-param></xsl:call-template>
                <xsl:call-template name="fb-score"><xsl:with-param name="n" select="2"/><xsl:with-param name="label">불만족</xsl:with-param></xsl:call-template>
                <xsl:call-template name="fb-score"><xsl:with-param name="n" select="3"/><xsl:with-param name="label">보통</xsl:with-param></xsl:call-template>
                <xsl:call-template name="fb-score"><xsl:with-param name="n" select="4"/><xsl:with-param name="label">만족</xsl:with-param></xsl:call-template>
                <xsl:call-template name="fb-score"><xsl:with-param name="n" select="5"/><xsl:with-param name="label">매우 만족</xsl:with-param></xsl:call-template>
              </div>
              <xsl:if test="$score/@error and string($score) != ''">
                <p class="typed">보내 주신 값: <span class="fb-score-typed"><xsl:value-of select="$score"/></span></p>
              </xsl:if>
              <xsl:call-template name="fb-error"><xsl:with-param name="f" select="$score"/></xsl:call-template>
            </fieldset>
            <fieldset id="fb-promise_kept">
              <xsl:call-template name="fb-described"><xsl:with-param name="f" select="$kept"/></xsl:call-template>
              <legend>헌장에서 약속한 처리 기준을 지켰습니까?</legend>
              <span class="choice">
                <input type="radio" name="promise_kept" value="yes" id="fb-kept-yes">
                  <xsl:if test="string($kept) = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                </input>
                <label for="fb-kept-yes">예</label>
              </span>
              <span class="choice">
                <input type="radio" name="promise_kept" value="no" id="fb-kept-no">
                  <xsl:if test="string($kept) = 'no'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                </input>
                <label for="fb-kept-no">아니오</label>
              </span>
              <xsl:if test="string($kept) != '' and string($kept) != 'yes' and string($kept) != 'no'">
                <p class="typed">보내 주신 값: <span class="fb-kept-typed"><xsl:value-of select="$kept"/></span></p>
              </xsl:if>
              <xsl:call-template name="fb-error"><xsl:with-param name="f" select="$kept"/></xsl:call-template>
            </fieldset>
            <div class="field">
              <label for="fb-comment">의견 (선택, 500자 이내)</label>
              <textarea id="fb-comment" name="comment" rows="4" maxlength="500">
                <xsl:call-template name="fb-described"><xsl:with-param name="f" select="$comment"/></xsl:call-template>
                <xsl:value-of select="$comment"/>
              </textarea>
              <xsl:call-template name="fb-error"><xsl:with-param name="f" select="$comment"/></xsl:call-template>
            </div>
            <p><button type="submit">설문 보내기</button></p>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <p>이 서버에서는 설문을 받을 수 없습니다.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ===== the auditor's uploads ===== -->

  <xsl:template name="survey-kind-ko">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$k = 'compliance'">이행표준 달성도 조사</xsl:when>
      <xsl:otherwise>고객만족도 조사</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="survey-result" mode="title">조사 결과 <xsl:value-of select="@year"/></xsl:template>
  <xsl:template match="improvement-plan" mode="title">개선 계획 <xsl:value-of select="@year"/></xsl:template>
  <xsl:template match="surveys" mode="title">조사 결과와 개선 계획</xsl:template>

  <xsl:template match="survey-result" mode="row">
    <tr>
      <td><xsl:value-of select="@year"/></td>
      <td><xsl:call-template name="survey-kind-ko"><xsl:with-param name="k" select="string(@kind)"/></xsl:call-template></td>
      <td><xsl:value-of select="@respondents"/></td>
      <td><xsl:value-of select="@score"/></td>
      <td><xsl:value-of select="@published-at"/></td>
      <td class="summary"><xsl:value-of select="summary"/></td>
    </tr>
  </xsl:template>

  <xsl:template match="improvement-plan" mode="row">
    <tr>
      <td><xsl:value-of select="@year"/></td>
      <td><xsl:value-of select="@published-at"/></td>
      <td class="plan"><xsl:value-of select="plan"/></td>
    </tr>
  </xsl:template>

  <xsl:template match="survey-result">
    <h1>조사 결과를 공표했습니다</h1>
    <dl class="facts">
      <dt>부서</dt><dd><xsl:value-of select="concat(@city, '/', @dept)"/></dd>
      <dt>연도</dt><dd><xsl:value-of select="@year"/></dd>
      <dt>종류</dt><dd><xsl:call-template name="survey-kind-ko"><xsl:with-param name="k" select="string(@kind)"/></xsl:call-template></dd>
      <dt>응답자 수</dt><dd><xsl:value-of select="@respondents"/></dd>
      <dt>점수 (100점 만점)</dt><dd><xsl:value-of select="@score"/></dd>
      <dt>공표 일시</dt><dd><xsl:value-of select="@published-at"/></dd>
      <dt>요약</dt><dd class="summary"><xsl:value-of select="summary"/></dd>
    </dl>
    <p>공표일로부터 3개월 안에 개선 계획을 공표해야 합니다.</p>
  </xsl:template>

  <xsl:template match="improvement-plan">
    <h1>개선 계획을 공표했습니다</h1>
    <dl class="facts">
      <dt>부서</dt><dd><xsl:value-of select="concat(@city, '/', @dept)"/></dd>
      <dt>연도</dt><dd><xsl:value-of select="@year"/></dd>
      <dt>공표 일시</dt><dd><xsl:value-of select="@published-at"/></dd>
      <dt>계획</dt><dd class="plan"><xsl:value-of select="plan"/></dd>
    </dl>
  </xsl:template>

  <xsl:template match="surveys">
    <h1>조사 결과와 개선 계획: <xsl:value-of select="concat(@city, '/', @dept)"/></h1>
    <xsl:choose>
      <xsl:when test="survey-result">
        <table class="surveys">
          <caption>연도별 조사 결과</caption>
          <thead><tr><th scope="col">연도</th><th scope="col">종류</th><th scope="col">응답자 수</th>
            <th scope="col">점수</th><th scope="col">공표 일시</th><th scope="col">요약</th></tr></thead>
          <tbody><xsl:apply-templates select="survey-result" mode="row"/></tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p>공표한 조사 결과가 없습니다.</p></xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="improvement-plan">
        <table class="plans">
          <caption>연도별 개선 계획</caption>
          <thead><tr><th scope="col">연도</th><th scope="col">공표 일시</th><th scope="col">계획</th></tr></thead>
          <tbody><xsl:apply-templates select="improvement-plan" mode="row"/></tbody>
        </table>
      </xsl:when>
      <xsl:otherwise><p>공표한 개선 계획이 없습니다.</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
