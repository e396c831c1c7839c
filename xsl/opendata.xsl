<?xml version="1.0" encoding="UTF-8"?>
<!--
  opendata.xsl - the open-data page (/opendata/): compliance rates
  (이행표준달성도), times to answer, compensation and satisfaction per city,
  department, period and standard. Charts are inline SVG drawn here (no
  JavaScript), each with a title and followed by a table of the same
  figures; selectors are plain links and a GET form.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="opendata" mode="title">공개 자료: 헌장 이행 현황 (open data)</xsl:template>

  <xsl:template match="opendata">
    <xsl:variable name="od" select="."/>
    <h1>공개 자료: 행정서비스헌장 이행 현황</h1>
    <p class="od-scope">
      <xsl:text>기간 </xsl:text><xsl:value-of select="@from"/>
      <xsl:text> ~ </xsl:text><xsl:value-of select="@to"/>
      <xsl:text> (접수 월 기준, 한국 표준시) · </xsl:text>
      <xsl:value-of select="choices/period[@current = 'true']/@label"/>
      <xsl:text> · 생성 시각 </xsl:text><xsl:value-of select="@generated"/>
    </p>
    <p>이행표준달성도는 평가가 끝난 민원(기준 충족 + 기준 위반) 중 이행기준을 지킨 민원의 비율입니다.
      처리 시간은 접수부터 답변까지 걸린 시간(시간 단위)의 중앙값과 90번째 백분위수입니다.</p>

    <xsl:call-template name="od-selectors"/>

    <xsl:for-each select="selected">
      <section class="od-selected" aria-labelledby="od-sel-title">
        <h2 id="od-sel-title">
          <xsl:value-of select="@city-name"/><xsl:text> </xsl:text><xsl:value-of select="@name"/>
        </h2>
        <xsl:call-template name="od-rate-chart">
          <xsl:with-param name="rows" select="periods/period"/>
          <xsl:with-param name="id" select="'od-sel-rate'"/>
          <xsl:with-param name="what" select="concat(@city-name, ' ', @name)"/>
          <xsl:with-param name="times" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="od-comp-chart">
          <xsl:with-param name="rows" select="periods/period"/>
          <xsl:with-param name="id" select="'od-sel-comp'"/>
          <xsl:with-param name="what" select="concat(@city-name, ' ', @name)"/>
        </xsl:call-template>
        <h3>이행기준별 달성도</h3>
        <xsl:choose>
          <xsl:when test="standards/standard">
            <div class="table-wrap">
              <table class="od-table" id="od-standards">
                <caption>이행기준별 평가 결과와 보상 (<xsl:value-of select="$od/@from"/> ~ <xsl:value-of select="$od/@to"/>)</caption>
                <thead>
                  <tr>
                    <th scope="col">이행기준</th><th scope="col">달성도</th><th scope="col">평가</th>
                    <th scope="col">충족</th><th scope="col">위반</th><th scope="col">진행 중</th>
                    <th scope="col">보상 건수</th><th scope="col">보상액</th><th scope="col">지급액</th>
                  </tr>
                </thead>
                <tbody>
                  <xsl:for-each select="standards/standard">
                    <tr>
                      <th scope="row"><xsl:value-of select="@id"/></th>
                      <td><xsl:call-template name="od-rate"><xsl:with-param name="r" select="@rate"/></xsl:call-template></td>
                      <td><xsl:value-of select="@evaluated"/></td>
                      <td><xsl:value-of select="@met"/></td>
                      <td><xsl:value-of select="@breached"/></td>
                      <td><xsl:value-of select="@pending"/></td>
                      <td><xsl:value-of select="@comp-count"/></td>
                      <td><xsl:call-template name="won"><xsl:with-param name="amount" select="@comp-amount"/></xsl:call-template></td>
                      <td><xsl:call-template name="won"><xsl:with-param name="amount" select="@paid-amount"/></xsl:call-template></td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </div>
          </xsl:when>
          <xsl:otherwise><p class="empty">이 기간에 이행기준별 결과가 없습니다.</p></xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:for-each>

    <xsl:if test="not(city)">
      <p class="empty">공개할 헌장이 없습니다.</p>
    </xsl:if>
    <xsl:for-each select="city">
      <xsl:variable name="city" select="."/>
      <section class="od-city" aria-labelledby="od-city-{@code}">
        <h2 id="od-city-{@code}"><xsl:value-of select="@name"/></h2>
        <xsl:for-each select="figures">
          <ul class="od-summary">
            <li>이행표준달성도:
              <strong><xsl:call-template name="od-rate"><xsl:with-param name="r" select="@rate"/></xsl:call-template></strong>
              (평가 <xsl:value-of select="@evaluated"/>건 · 충족 <xsl:value-of select="@met"/>건 · 위반 <xsl:value-of select="@breached"/>건)</li>
            <li>처리 시간: 중앙값 <xsl:call-template name="od-hours"><xsl:with-param name="h" select="@median-hours"/></xsl:call-template>,
              90% <xsl:call-template name="od-hours"><xsl:with-param name="h" select="@p90-hours"/></xsl:call-template>
              (답변 <xsl:value-of select="@answered"/>건)</li>
            <li>보상: <xsl:value-of select="@comp-count"/>건,
              <xsl:call-template name="won"><xsl:with-param name="amount" select="@comp-amount"/></xsl:call-template>
              (지급 <xsl:value-of select="@paid-count"/>건, <xsl:call-template name="won"><xsl:with-param name="amount" select="@paid-amount"/></xsl:call-template>)</li>
          </ul>
        </xsl:for-each>
        <xsl:for-each select="feedback">
          <p class="od-feedback">민원 처리 만족도 설문: 응답 <xsl:value-of select="@responses"/>건
            <xsl:if test="@responses &gt; 0">, 평균 <xsl:value-of select="@mean"/>점 (5점 만점),
              약속을 지켰다는 응답 <xsl:call-template name="od-rate"><xsl:with-param name="r" select="@kept-rate"/></xsl:call-template></xsl:if>
          </p>
        </xsl:for-each>

        <xsl:if test="not($od/selected) or $od/selected/@city != @code">
          <xsl:call-template name="od-rate-chart">
            <xsl:with-param name="rows" select="periods/period"/>
            <xsl:with-param name="id" select="concat('od-', @code, '-rate')"/>
            <xsl:with-param name="what" select="@name"/>
            <xsl:with-param name="times" select="false()"/>
          </xsl:call-template>
          <xsl:call-template name="od-comp-chart">
            <xsl:with-param name="rows" select="periods/period"/>
            <xsl:with-param name="id" select="concat('od-', @code, '-comp')"/>
            <xsl:with-param name="what" select="@name"/>
          </xsl:call-template>
        </xsl:if>

        <xsl:call-template name="od-dept-chart">
          <xsl:with-param name="rows" select="department"/>
          <xsl:with-param name="id" select="concat('od-', @code, '-depts')"/>
          <xsl:with-param name="what" select="@name"/>
        </xsl:call-template>

        <h3>부서별 처리 시간과 보상</h3>
        <div class="table-wrap">
          <table class="od-table" id="od-{@code}-dept-times">
            <caption><xsl:value-of select="@name"/> 부서별 처리 시간(시간)과 보상</caption>
            <thead>
              <tr>
                <th scope="col">부서</th><th scope="col">답변</th><th scope="col">중앙값</th><th scope="col">90%</th>
                <th scope="col">보상 건수</th><th scope="col">보상액</th><th scope="col">지급 건수</th><th scope="col">지급액</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="department">
                <tr>
                  <th scope="row"><xsl:value-of select="@name"/></th>
                  <xsl:for-each select="figures">
                    <td><xsl:value-of select="@answered"/></td>
                    <td><xsl:call-template name="od-hours"><xsl:with-param name="h" select="@median-hours"/></xsl:call-template></td>
                    <td><xsl:call-template name="od-hours"><xsl:with-param name="h" select="@p90-hours"/></xsl:call-template></td>
                    <td><xsl:value-of select="@comp-count"/></td>
                    <td><xsl:call-template name="won"><xsl:with-param name="amount" select="@comp-amount"/></xsl:call-template></td>
                    <td><xsl:value-of select="@paid-count"/></td>
                    <td><xsl:call-template name="won"><xsl:with-param name="amount" select="@paid-amount"/></xsl:call-template></td>
                  </xsl:for-each>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>

        <h3>부서별 만족도</h3>
        <div class="table-wrap">
          <table class="od-table" id="od-{@code}-dept-feedback">
            <caption><xsl:value-of select="@name"/> 부서별 민원 처리 만족도 설문</caption>
            <thead>
              <tr>
                <th scope="col">부서</th><th scope="col">응답</th><th scope="col">평균 점수</th>
                <th scope="col">약속을 지켰다</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="department">
                <tr>
                  <th scope="row"><xsl:value-of select="@name"/></th>
                  <xsl:for-each select="feedback">
                    <td><xsl:value-of select="@responses"/></td>
                    <td><xsl:choose><xsl:when test="@mean != ''"><xsl:value-of select="@mean"/></xsl:when><xsl:otherwise>–</xsl:otherwise></xsl:choose></td>
                    <td><xsl:call-template name="od-rate"><xsl:with-param name="r" select="@kept-rate"/></xsl:call-template></td>
                  </xsl:for-each>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>

        <h3>연간 만족도 조사 결과와 개선 계획</h3>
        <xsl:choose>
          <xsl:when test="department/survey or department/plan">
            <xsl:for-each select="department[survey or plan]">
              <h4><xsl:value-of select="@name"/></h4>
              <xsl:if test="survey">
                <div class="table-wrap">
                  <table class="od-table od-surveys">
                    <caption><xsl:value-of select="@name"/> 조사 결과</caption>
                    <thead>
                      <tr><th scope="col">연도</th><th scope="col">조사</th><th scope="col">응답자</th>
                        <th scope="col">점수</th><th scope="col">요약</th><th scope="col">공개</th></tr>
                    </thead>
                    <tbody>
                      <xsl:for-each select="survey">
                        <tr>
                          <th scope="row"><xsl:value-of select="@year"/></th>
                          <td><xsl:choose><xsl:when test="@kind = 'compliance'">이행 조사</xsl:when><xsl:otherwise>만족도 조사</xsl:otherwise></xsl:choose></td>
                          <td><xsl:value-of select="@respondents"/></td>
                          <td><xsl:value-of select="@score"/></td>
                          <td><xsl:value-of select="summary"/></td>
                          <td><xsl:value-of select="substring(@published, 1, 10)"/></td>
                        </tr>
                      </xsl:for-each>
                    </tbody>
                  </table>
                </div>
              </xsl:if>
              <xsl:for-each select="plan">
                <div class="od-plan">
                  <p><strong><xsl:value-of select="@year"/>년 개선 계획</strong>
                    (공개 <xsl:value-of select="substring(@published, 1, 10)"/>)</p>
                  <p><xsl:value-of select="text"/></p>
                </div>
              </xsl:for-each>
            </xsl:for-each>
          </xsl:when>
          <xsl:otherwise><p class="empty">이 기간에 공개된 조사 결과나 개선 계획이 없습니다.</p></xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:for-each>

    <xsl:for-each select="votes">
      <section class="od-votes" aria-labelledby="od-votes-title">
        <h2 id="od-votes-title">페이지 만족도 (콘텐츠 만족도 조사)</h2>
        <xsl:choose>
          <xsl:when test="page">
            <p>투표 <xsl:value-of select="@votes"/>건, 평균 <xsl:value-of select="@mean"/>점 (5점 만점).</p>
            <div class="table-wrap">
              <table class="od-table" id="od-votes">
                <caption>투표가 많은 페이지</caption>
                <thead><tr><th scope="col">페이지</th><th scope="col">투표</th><th scope="col">평균 점수</th></tr></thead>
                <tbody>
                  <xsl:for-each select="page">
                    <tr>
                      <th scope="row"><a href="{$base}{@path}"><xsl:value-of select="@path"/></a></th>
                      <td><xsl:value-of select="@votes"/></td>
                      <td><xsl:value-of select="@mean"/></td>
                    </tr>
                  </xsl:for-each>
                </tbody>
              </table>
            </div>
          </xsl:when>
          <xsl:otherwise><p class="empty">이 기간에 페이지 만족도 투표가 없습니다.</p></xsl:otherwise>
        </xsl:choose>
      </section>
    </xsl:for-each>

    <xsl:for-each select="datasets">
      <xsl:variable name="q" select="@query"/>
      <section class="od-datasets" aria-labelledby="od-datasets-title">
        <h2 id="od-datasets-title">데이터 내려받기</h2>
        <p>같은 기간과 부서의 수치를 데이터로 내려받을 수 있습니다 (CSV는 UTF-8).</p>
        <ul class="od-dataset-list">
          <xsl:for-each select="dataset">
            <li>
              <xsl:value-of select="@label"/><xsl:text>: </xsl:text>
              <a href="{$base}/opendata/{@name}.csv?{$q}">CSV</a><xsl:text> · </xsl:text>
              <a href="{$base}/opendata/{@name}.json?{$q}">JSON</a><xsl:text> · </xsl:text>
              <a href="{$base}/opendata/{@name}.xml?{$q}">XML</a><xsl:text> · 설명: </xsl:text>
              <a href="{$base}/opendata/{@name}.xsd">XSD</a><xsl:text> · </xsl:text>
              <a href="{$base}/opendata/{@name}.json-schema">JSON Schema</a>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== selectors: links and a GET form ===== -->

  <xsl:template name="od-selectors">
    <nav class="od-choices" aria-label="보기 선택">
      <p>
        <xsl:text>단위: </xsl:text>
        <xsl:for-each select="choices/period">
          <xsl:if test="position() &gt; 1"><xsl:text> · </xsl:text></xsl:if>
          <xsl:choose>
            <xsl:when test="@current = 'true'"><strong aria-current="page"><xsl:value-of select="@label"/></strong></xsl:when>
            <xsl:otherwise><a href="{$base}/opendata/?{@query}"><xsl:value-of select="@label"/></a></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </p>
      <p>
        <xsl:text>부서: </xsl:text>
        <xsl:for-each select="choices/all">
          <xsl:call-template name="od-choice"><xsl:with-param name="label">전체</xsl:with-param></xsl:call-template>
        </xsl:for-each>
        <xsl:for-each select="choices/city">
          <xsl:text> · </xsl:text>
          <xsl:call-template name="od-choice"><xsl:with-param name="label" select="@name"/></xsl:call-template>
          <xsl:text> (</xsl:text>
          <xsl:for-each select="department">
            <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
            <xsl:call-template name="od-choice"><xsl:with-param name="label" select="@name"/></xsl:call-template>
          </xsl:for-each>
          <xsl:text>)</xsl:text>
        </xsl:for-each>
      </p>
    </nav>
    <form method="get" action="{$base}/opendata/" class="filters od-form">
      <fieldset>
        <legend>기간과 부서 고르기</legend>
        <p>
          <label for="od-dept">부서</label>
          <select id="od-dept" name="dept">
            <option value="">전체</option>
            <xsl:for-each select="choices/city/department">
              <option value="{../@code}/{@code}">
                <xsl:if test="@current = 'true'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="concat(../@name, ' ', @name)"/>
              </option>
            </xsl:for-each>
          </select>
        </p>
        <p>
          <label for="od-period">단위</label>
          <select id="od-period" name="period">
            <xsl:for-each select="choices/period">
              <option value="{@name}">
                <xsl:if test="@current = 'true'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@label"/>
              </option>
            </xsl:for-each>
          </select>
        </p>
        <p>
          <label for="od-from">시작 월 (YYYY-MM)</label>
          <input type="text" id="od-from" name="from" value="{@from}" pattern="[0-9]{{4}}-[0-9]{{2}}" inputmode="numeric" size="8"/>
        </p>
        <p>
          <label for="od-to">끝 월 (YYYY-MM)</label>
          <input type="text" id="od-to" name="to" value="{@to}" pattern="[0-9]{{4}}-[0-9]{{2}}" inputmode="numeric" size="8"/>
        </p>
        <p><button type="submit">보기</button></p>
      </fieldset>
    </form>
  </xsl:template>

  <xsl:template name="od-choice">
    <xsl:param name="label"/>
    <xsl:choose>
      <xsl:when test="@current = 'true'"><strong aria-current="page"><xsl:value-of select="$label"/></strong></xsl:when>
      <xsl:otherwise><a href="{$base}/opendata/?{@query}"><xsl:value-of select="$label"/></a></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== small formatters ===== -->

  <xsl:template name="od-rate">
    <xsl:param name="r"/>
    <xsl:choose>
      <xsl:when test="string($r) != ''"><xsl:value-of select="$r"/>%</xsl:when>
      <xsl:otherwise>–</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="od-hours">
    <xsl:param name="h"/>
    <xsl:choose>
      <xsl:when test="string($h) != ''"><xsl:value-of select="$h"/>시간</xsl:when>
      <xsl:otherwise>–</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the largest value of an attribute over rows, or 0 -->
  <xsl:template name="od-max">
    <xsl:param name="rows"/>
    <xsl:for-each select="$rows">
      <xsl:sort select="@comp-amount" data-type="number" order="descending"/>
      <xsl:if test="position() = 1"><xsl:value-of select="number(@comp-amount)"/></xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== (a) compliance rate per period: vertical bars, 0-100 % ===== -->

  <xsl:template name="od-rate-chart">
    <xsl:param name="rows"/>
    <xsl:param name="id"/>
    <xsl:param name="what"/>
    <xsl:param name="times"/>
    <h3 id="{$id}-h">기간별 이행표준달성도</h3>
    <xsl:choose>
      <xsl:when test="sum($rows/@evaluated) = 0">
        <p class="empty">이 기간에 평가가 끝난 민원이 없어 달성도를 그릴 수 없습니다.</p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="n" select="count($rows)"/>
        <xsl:variable name="slot" select="36"/>
        <xsl:variable name="w" select="44 + $n * $slot + 8"/>
        <figure class="od-chart">
          <svg class="chart chart-rate" id="{$id}" role="img" aria-labelledby="{$id}-title {$id}-desc"
               viewBox="0 0 {$w} 236" width="100%" preserveAspectRatio="xMinYMin meet"
               style="max-width:{$w * 1.4}px;height:auto;display:block">
            <title id="{$id}-title"><xsl:value-of select="$what"/> 기간별 이행표준달성도 (%)</title>
            <desc id="{$id}-desc">막대 높이가 기간별 달성도(0~100%)입니다. 같은 수치가 아래 표에 있습니다.</desc>
            <xsl:call-template name="od-y-axis">
              <xsl:with-param name="w" select="$w"/>
            </xsl:call-template>
            <xsl:for-each select="$rows">
              <xsl:variable name="x" select="44 + (position() - 1) * $slot"/>
              <xsl:variable name="h">
                <xsl:choose>
                  <xsl:when test="@rate != ''"><xsl:value-of select="number(@rate) * 1.6"/></xsl:when>
                  <xsl:otherwise>0</xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <g class="bar">
                <title><xsl:value-of select="@label"/>: <xsl:call-template name="od-rate"><xsl:with-param name="r" select="@rate"/></xsl:call-template></title>
                <rect x="{$x + 6}" y="{170 - $h}" width="{$slot - 12}" height="{$h}" fill="#1d5fa8"/>
                <text x="{$x + $slot div 2}" y="{166 - $h}" font-size="8" text-anchor="middle" fill="#222">
                  <xsl:choose><xsl:when test="@rate != ''"><xsl:value-of select="@rate"/></xsl:when><xsl:otherwise>–</xsl:otherwise></xsl:choose>
                </text>
                <text x="{$x + $slot div 2}" y="182" font-size="9" text-anchor="end" fill="#222"
                      transform="rotate(-45 {$x + $slot div 2} 182)"><xsl:value-of select="@label"/></text>
              </g>
            </xsl:for-each>
          </svg>
        </figure>
        <div class="table-wrap">
          <table class="od-table" id="{$id}-table">
            <caption><xsl:value-of select="$what"/> 기간별 이행표준달성도</caption>
            <thead>
              <tr>
                <th scope="col">기간</th><th scope="col">달성도</th><th scope="col">평가</th>
                <th scope="col">충족</th><th scope="col">위반</th>
                <xsl:if test="$times">
                  <th scope="col">답변</th><th scope="col">중앙값</th><th scope="col">90%</th>
                </xsl:if>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$rows">
                <tr>
                  <th scope="row"><xsl:value-of select="@label"/></th>
                  <td><xsl:call-template name="od-rate"><xsl:with-param name="r" select="@rate"/></xsl:call-template></td>
                  <td><xsl:value-of select="@evaluated"/></td>
                  <td><xsl:value-of select="@met"/></td>
                  <td><xsl:value-of select="@breached"/></td>
                  <xsl:if test="$times">
                    <td><xsl:value-of select="@answered"/></td>
                    <td><xsl:call-template name="od-hours"><xsl:with-param name="h" select="@median-hours"/></xsl:call-template></td>
                    <td><xsl:call-template name="od-hours"><xsl:with-param name="h" select="@p90-hours"/></xsl:call-template></td>
                  </xsl:if>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 0-100 % axis with grid lines; the plot is y 10..170 -->
  <xsl:template name="od-y-axis">
    <xsl:param name="w"/>
    <g class="axis" font-size="9" fill="#444">
      <xsl:call-template name="od-grid"><xsl:with-param name="v" select="0"/><xsl:with-param name="w" select="$w"/></xsl:call-template>
      <xsl:call-template name="od-grid"><xsl:with-param name="v" select="25"/><xsl:with-param name="w" select="$w"/></xsl:call-template>
      <xsl:call-template name="od-grid"><xsl:with-param name="v" select="50"/><xsl:with-param name="w" select="$w"/></xsl:call-template>
      <xsl:call-template name="od-grid"><xsl:with-param name="v" select="75"/><xsl:with-param name="w" select="$w"/></xsl:call-template>
      <xsl:call-template name="od-grid"><xsl:with-param name="v" select="100"/><xsl:with-param name="w" select="$w"/></xsl:call-template>
    </g>
  </xsl:template>

  <xsl:template name="od-grid">
    <xsl:param name="v"/>
    <xsl:param name="w"/>
    <xsl:variable name="y" select="170 - $v * 1.6"/>
    <line x1="40" y1="{$y}" x2="{$w - 4}" y2="{$y}" stroke="#d0d7de" stroke-width="1"/>
    <text x="36" y="{$y + 3}" text-anchor="end"><xsl:value-of select="$v"/>%</text>
  </xsl:template>

  <!-- ===== (b) compliance per department: horizontal bars ===== -->

  <xsl:template name="od-dept-chart">
    <xsl:param name="rows"/>
    <xsl:param name="id"/>
    <xsl:param name="what"/>
    <h3 id="{$id}-h">부서별 이행표준달성도</h3>
    <xsl:choose>
      <xsl:when test="sum($rows/figures/@evaluated) = 0">
        <p class="empty">이 기간에 평가가 끝난 민원이 없어 부서별 달성도를 그릴 수 없습니다.</p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="n" select="count($rows)"/>
        <xsl:variable name="hgt" select="24 + $n * 26"/>
        <figure class="od-chart">
          <svg class="chart chart-depts" id="{$id}" role="img" aria-labelledby="{$id}-title {$id}-desc"
               viewBox="0 0 360 {$hgt}" width="100%" preserveAspectRatio="xMinYMin meet"
               style="max-width:540px;height:auto;display:block">
            <title id="{$id}-title"><xsl:value-of select="$what"/> 부서별 이행표준달성도 (%)</title>
            <desc id="{$id}-desc">막대 길이가 부서별 달성도(0~100%)입니다. 같은 수치가 아래 표에 있습니다.</desc>
            <g class="axis" font-size="9" fill="#444">
              <line x1="110" y1="4" x2="110" y2="{$hgt - 16}" stroke="#888"/>
              <line x1="310" y1="4" x2="310" y2="{$hgt - 16}" stroke="#d0d7de"/>
              <text x="110" y="{$hgt - 4}" text-anchor="middle">0%</text>
              <text x="210" y="{$hgt - 4}" text-anchor="middle">50%</text>
              <text x="310" y="{$hgt - 4}" text-anchor="middle">100%</text>
            </g>
            <xsl:for-each select="$rows">
              <xsl:variable name="y" select="6 + (position() - 1) * 26"/>
              <xsl:variable name="r" select="figures/@rate"/>
              <xsl:variable name="len">
                <xsl:choose>
                  <xsl:when test="$r != ''"><xsl:value-of select="number($r) * 2"/></xsl:when>
                  <xsl:otherwise>0</xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <g class="bar">
                <title><xsl:value-of select="@name"/>: <xsl:call-template name="od-rate"><xsl:with-param name="r" select="$r"/></xsl:call-template></title>
                <text x="104" y="{$y + 13}" font-size="10" text-anchor="end" fill="#222"><xsl:value-of select="substring(@name, 1, 10)"/></text>
                <rect x="110" y="{$y}" width="{$len}" height="18" fill="#2e7d4f"/>
                <text x="{114 + $len}" y="{$y + 13}" font-size="9" fill="#222">
                  <xsl:choose><xsl:when test="$r != ''"><xsl:value-of select="$r"/>%</xsl:when><xsl:otherwise>–</xsl:otherwise></xsl:choose>
                </text>
              </g>
            </xsl:for-each>
          </svg>
        </figure>
        <div class="table-wrap">
          <table class="od-table" id="{$id}-table">
            <caption><xsl:value-of select="$what"/> 부서별 이행표준달성도</caption>
            <thead>
              <tr>
                <th scope="col">부서</th><th scope="col">달성도</th><th scope="col">평가</th>
                <th scope="col">충족</th><th scope="col">위반</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$rows">
                <tr>
                  <th scope="row"><xsl:value-of select="@name"/></th>
                  <xsl:for-each select="figures">
                    <td><xsl:call-template name="od-rate"><xsl:with-param name="r" select="@rate"/></xsl:call-template></td>
                    <td><xsl:value-of select="@evaluated"/></td>
                    <td><xsl:value-of select="@met"/></td>
                    <td><xsl:value-of select="@breached"/></td>
                  </xsl:for-each>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== (c) compensation per period: owed and paid, in won ===== -->

  <xsl:template name="od-comp-chart">
    <xsl:param name="rows"/>
    <xsl:param name="id"/>
    <xsl:param name="what"/>
    <h3 id="{$id}-h">기간별 보상</h3>
    <xsl:choose>
      <xsl:when test="sum($rows/@comp-count) = 0">
        <p class="empty">이 기간에 이행기준 위반에 따른 보상이 없습니다.</p>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="max">
          <xsl:call-template name="od-max"><xsl:with-param name="rows" select="$rows"/></xsl:call-template>
        </xsl:variable>
        <xsl:variable name="top">
          <xsl:choose><xsl:when test="number($max) &gt; 0"><xsl:value-of select="number($max)"/></xsl:when><xsl:otherwise>1</xsl:otherwise></xsl:choose>
        </xsl:variable>
        <xsl:variable name="n" select="count($rows)"/>
        <xsl:variable name="slot" select="36"/>
        <xsl:variable name="w" select="64 + $n * $slot + 8"/>
        <figure class="od-chart">
          <svg class="chart chart-comp" id="{$id}" role="img" aria-labelledby="{$id}-title {$id}-desc"
               viewBox="0 0 {$w} 250" width="100%" preserveAspectRatio="xMinYMin meet"
               style="max-width:{$w * 1.4}px;height:auto;display:block">
            <title id="{$id}-title"><xsl:value-of select="$what"/> 기간별 보상액과 지급액 (원)</title>
            <desc id="{$id}-desc">기간마다 왼쪽 막대는 보상액, 오른쪽 막대는 지급액입니다. 같은 수치가 아래 표에 있습니다.</desc>
            <g class="axis" font-size="8" fill="#444">
              <line x1="60" y1="10" x2="{$w - 4}" y2="10" stroke="#d0d7de"/>
              <line x1="60" y1="90" x2="{$w - 4}" y2="90" stroke="#d0d7de"/>
              <line x1="60" y1="170" x2="{$w - 4}" y2="170" stroke="#888"/>
              <text x="56" y="13" text-anchor="end"><xsl:value-of select="format-number($top, '#,##0')"/></text>
              <text x="56" y="93" text-anchor="end"><xsl:value-of select="format-number($top div 2, '#,##0')"/></text>
              <text x="56" y="173" text-anchor="end">0</text>
            </g>
            <g class="legend" font-size="9" fill="#222">
              <rect x="64" y="232" width="10" height="10" fill="#b5651d"/>
              <text x="78" y="241">보상액</text>
              <rect x="124" y="232" width="10" height="10" fill="#2e7d4f"/>
              <text x="138" y="241">지급액</text>
            </g>
            <xsl:for-each select="$rows">
              <xsl:variable name="x" select="64 + (position() - 1) * $slot"/>
              <xsl:variable name="ho" select="number(@comp-amount) * 160 div number($top)"/>
              <xsl:variable name="hp" select="number(@paid-amount) * 160 div number($top)"/>
              <g class="bar">
                <title><xsl:value-of select="@label"/>: 보상 <xsl:value-of select="format-number(@comp-amount, '#,##0')"/>원, 지급 <xsl:value-of select="format-number(@paid-amount, '#,##0')"/>원</title>
                <rect x="{$x + 5}" y="{170 - $ho}" width="{($slot - 10) div 2}" height="{$ho}" fill="#b5651d"/>
                <rect x="{$x + 5 + ($slot - 10) div 2}" y="{170 - $hp}" width="{($slot - 10) div 2}" height="{$hp}" fill="#2e7d4f"/>
                <text x="{$x + $slot div 2}" y="182" font-size="9" text-anchor="end" fill="#222"
                      transform="rotate(-45 {$x + $slot div 2} 182)"><xsl:value-of select="@label"/></text>
              </g>
            </xsl:for-each>
          </svg>
        </figure>
        <div class="table-wrap">
          <table class="od-table" id="{$id}-table">
            <caption><xsl:value-of select="$what"/> 기간별 보상</caption>
            <thead>
              <tr>
                <th scope="col">기간</th><th scope="col">보상 건수</th><th scope="col">보상액</th>
                <th scope="col">지급 건수</th><th scope="col">지급액</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$rows">
                <tr>
                  <th scope="row"><xsl:value-of select="@label"/></th>
                  <td><xsl:value-of select="@comp-count"/></td>
                  <td><xsl:call-template name="won"><xsl:with-param name="amount" select="@comp-amount"/></xsl:call-template></td>
                  <td><xsl:value-of select="@paid-count"/></td>
                  <td><xsl:call-template name="won"><xsl:with-param name="amount" select="@paid-amount"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
