<?xml version="1.0" encoding="UTF-8"?>
<!--
  board.xsl - the board's post form (board-form) and its receipt page
  (board-receipt). Every field has a label; an error sits next to its field
  and is tied to it with aria-describedby; values the citizen typed come back
  in their fields. No JavaScript.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="board-form" mode="title">민원 신청</xsl:template>

  <xsl:template name="field-label">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n = 'name'">성명</xsl:when>
      <xsl:when test="$n = 'address'">주소</xsl:when>
      <xsl:when test="$n = 'phone'">전화번호</xsl:when>
      <xsl:when test="$n = 'email'">전자우편</xsl:when>
      <xsl:when test="$n = 'sms_consent'">문자 수신 동의</xsl:when>
      <xsl:when test="$n = 'department'">담당 부서</xsl:when>
      <xsl:when test="$n = 'kind'">민원 종류</xsl:when>
      <xsl:when test="$n = 'title'">제목</xsl:when>
      <xsl:when test="$n = 'body'">내용</xsl:when>
      <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- aria-describedby / aria-invalid of a field: its hint and its error -->
  <xsl:template name="described">
    <xsl:param name="f"/>
    <xsl:param name="hint" select="false()"/>
    <xsl:variable name="ids">
      <xsl:if test="$hint">h-<xsl:value-of select="$f/@name"/></xsl:if>
      <xsl:if test="$f/@error"><xsl:text> </xsl:text>e-<xsl:value-of select="$f/@name"/></xsl:if>
    </xsl:variable>
    <xsl:if test="normalize-space($ids) != ''">
      <xsl:attribute name="aria-describedby"><xsl:value-of select="normalize-space($ids)"/></xsl:attribute>
    </xsl:if>
    <xsl:if test="$f/@error"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
  </xsl:template>

  <xsl:template name="field-error">
    <xsl:param name="f"/>
    <xsl:if test="$f/@error">
      <p class="field-error" id="e-{$f/@name}"><xsl:value-of select="$f/@error"/></p>
    </xsl:if>
  </xsl:template>

  <!-- one labelled single-line input -->
  <xsl:template name="text-input">
    <xsl:param name="n"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="max"/>
    <xsl:param name="required" select="false()"/>
    <xsl:param name="auto"/>
    <xsl:param name="hint"/>
    <xsl:variable name="f" select="field[@name = $n]"/>
    <div class="field">
      <label for="f-{$n}">
        <xsl:call-template name="field-label"><xsl:with-param name="n" select="$n"/></xsl:call-template>
        <xsl:if test="$required"><span class="req"> (필수)</span></xsl:if>
      </label>
      <xsl:if test="$hint != ''"><p class="hint" id="h-{$n}"><xsl:value-of select="$hint"/></p></xsl:if>
      <input type="{$type}" id="f-{$n}" name="{$n}" maxlength="{$max}" value="{$f}">
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$auto != ''"><xsl:attribute name="autocomplete"><xsl:value-of select="$auto"/></xsl:attribute></xsl:if>
        <xsl:call-template name="described">
          <xsl:with-param name="f" select="$f"/>
          <xsl:with-param name="hint" select="$hint != ''"/>
        </xsl:call-template>
      </input>
      <xsl:call-template name="field-error"><xsl:with-param name="f" select="$f"/></xsl:call-template>
    </div>
  </xsl:template>

  <xsl:template match="board-form">
    <h1>민원 신청</h1>
    <p class="intro">익명일 경우 관계규정에 의하여 처리되지 않으므로, 반드시 성명과 주소를 기재하여 주시기 바랍니다.
      신청인의 성명·주소·연락처는 담당 공무원만 볼 수 있으며 어떤 공개 화면에도 나타나지 않습니다.</p>
    <xsl:if test="notice or field/@error or attachments/@error">
      <div class="form-errors" role="alert" aria-labelledby="form-errors-title">
        <h2 id="form-errors-title">입력한 내용을 확인해 주십시오</h2>
        <ul>
          <xsl:for-each select="notice"><li><xsl:value-of select="."/></li></xsl:for-each>
          <xsl:for-each select="field[@error]">
            <li>
              <a href="#f-{@name}">
                <xsl:call-template name="field-label"><xsl:with-param name="n" select="string(@name)"/></xsl:call-template>
              </a>
              <xsl:text>: </xsl:text><xsl:value-of select="@error"/>
            </li>
          </xsl:for-each>
          <xsl:if test="attachments/@error">
            <li><a href="#f-attachment-1">첨부파일</a>: <xsl:value-of select="attachments/@error"/></li>
          </xsl:if>
        </ul>
        <p>입력하신 글은 아래에 그대로 남아 있습니다.</p>
      </div>
    </xsl:if>
    <form class="board" method="post" action="{$base}/board" enctype="multipart/form-data" accept-charset="UTF-8">
      <input type="hidden" name="csrf" value="{@csrf}"/>
      <fieldset>
        <legend>신청인</legend>
        <xsl:call-template name="text-input">
          <xsl:with-param name="n" select="'name'"/><xsl:with-param name="max" select="50"/>
          <xsl:with-param name="required" select="true()"/><xsl:with-param name="auto" select="'name'"/>
        </xsl:call-template>
        <xsl:call-template name="text-input">
          <xsl:with-param name="n" select="'address'"/><xsl:with-param name="max" select="200"/>
          <xsl:with-param name="required" select="true()"/><xsl:with-param name="auto" select="'street-address'"/>
        </xsl:call-template>
        <xsl:call-template name="text-input">
          <xsl:with-param name="n" select="'phone'"/><xsl:with-param name="type" select="'tel'"/>
          <xsl:with-param name="max" select="20"/><xsl:with-param name="auto" select="'tel'"/>
          <xsl:with-param name="hint" select="'처리 결과를 알려 드릴 연락처 (예: 031-123-4567)'"/>
        </xsl:call-template>
        <xsl:call-template name="text-input">
          <xsl:with-param name="n" select="'email'"/><xsl:with-param name="type" select="'email'"/>
          <xsl:with-param name="max" select="254"/><xsl:with-param name="auto" select="'email'"/>
        </xsl:call-template>
        <xsl:variable name="sms" select="field[@name = 'sms_consent']"/>
        <div class="field check">
          <input type="checkbox" id="f-sms_consent" name="sms_consent" value="yes">
            <xsl:if test="$sms = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            <xsl:call-template name="described"><xsl:with-param name="f" select="$sms"/></xsl:call-template>
          </input>
          <label for="f-sms_consent">처리 상황을 문자 메시지로 받겠습니다</label>
          <xsl:call-template name="field-error"><xsl:with-param name="f" select="$sms"/></xsl:call-template>
        </div>
      </fieldset>
      <fieldset>
        <legend>민원 내용</legend>
        <xsl:variable name="dept" select="field[@name = 'department']"/>
        <div class="field">
          <label for="f-department">담당 부서<span class="req"> (필수)</span></label>
          <select id="f-department" name="department" required="required">
            <xsl:call-template name="described"><xsl:with-param name="f" select="$dept"/></xsl:call-template>
            <option value="">부서를 고르십시오</option>
            <xsl:for-each select="departments/department">
              <option value="{@value}">
                <xsl:if test="@value = string($dept)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="concat(@city, ' ', @name)"/>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-error"><xsl:with-param name="f" select="$dept"/></xsl:call-template>
        </div>
        <xsl:variable name="kind" select="field[@name = 'kind']"/>
        <div class="field">
          <label for="f-kind">민원 종류<span class="req"> (필수)</span></label>
          <select id="f-kind" name="kind" required="required">
            <xsl:call-template name="described"><xsl:with-param name="f" select="$kind"/></xsl:call-template>
            <option value="">종류를 고르십시오</option>
            <xsl:for-each select="kind">
              <option value="{@value}">
                <xsl:if test="@value = string($kind)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:call-template name="kind-ko"><xsl:with-param name="k" select="string(@value)"/></xsl:call-template>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-error"><xsl:with-param name="f" select="$kind"/></xsl:call-template>
        </div>
        <xsl:call-template name="text-input">
          <xsl:with-param name="n" select="'title'"/><xsl:with-param name="max" select="150"/>
          <xsl:with-param name="required" select="true()"/>
        </xsl:call-template>
        <xsl:variable name="body" select="field[@name = 'body']"/>
        <div class="field">
          <label for="f-body">내용<span class="req"> (필수)</span></label>
          <p class="hint" id="h-body">64 KiB(한글 약 2만 1천 자)까지</p>
          <textarea id="f-body" name="body" rows="12" required="required">
            <xsl:call-template name="described">
              <xsl:with-param name="f" select="$body"/><xsl:with-param name="hint" select="true()"/>
            </xsl:call-template>
            <!-- HTML drops one newline right after <textarea>: this one, so a
                 body that starts with a newline keeps it -->
            <xsl:text>&#10;</xsl:text>
            <xsl:value-of select="$body"/>
          </textarea>
          <xsl:call-template name="field-error"><xsl:with-param name="f" select="$body"/></xsl:call-template>
        </div>
      </fieldset>
      <fieldset>
        <legend>첨부파일 (선택)</legend>
        <p class="hint" id="h-attachment">
          <xsl:value-of select="@max-attachments"/>개까지, 파일마다 <xsl:value-of select="floor(@max-attachment div 1048576)"/> MB까지:
          PDF, PNG, JPEG, HWP/HWPX(한글), 텍스트 파일.
        </p>
        <xsl:if test="attachments/@sent &gt; 0">
          <p class="field-error" id="e-attachment">보내 주신 첨부파일은 보관하지 않았습니다. 파일을 다시 첨부해 주십시오.</p>
        </xsl:if>
        <xsl:if test="attachments/@error">
          <p class="field-error" id="e-attachment-why"><xsl:value-of select="attachments/@error"/></p>
        </xsl:if>
        <xsl:call-template name="file-input"><xsl:with-param name="i" select="1"/></xsl:call-template>
        <xsl:call-template name="file-input"><xsl:with-param name="i" select="2"/></xsl:call-template>
        <xsl:call-template name="file-input"><xsl:with-param name="i" select="3"/></xsl:call-template>
      </fieldset>
      <p><button type="submit">신청하기</button></p>
    </form>
  </xsl:template>

  <xsl:template name="file-input">
    <xsl:param name="i"/>
    <div class="field">
      <label for="f-attachment-{$i}">첨부파일 <xsl:value-of select="$i"/></label>
      <input type="file" id="f-attachment-{$i}" name="attachment"
             accept=".pdf,.png,.jpg,.jpeg,.hwp,.hwpx,.txt">
        <xsl:attribute name="aria-describedby">
          <xsl:text>h-attachment</xsl:text>
          <xsl:if test="attachments/@sent &gt; 0"> e-attachment</xsl:if>
          <xsl:if test="attachments/@error"> e-attachment-why</xsl:if>
        </xsl:attribute>
      </input>
    </div>
  </xsl:template>

  <xsl:template match="board-receipt" mode="title">민원이 접수되었습니다</xsl:template>

  <xsl:template match="board-receipt">
    <h1>민원이 접수되었습니다</h1>
    <dl class="receipt">
      <dt>접수번호</dt>
      <dd class="receipt-no"><xsl:value-of select="@receipt"/></dd>
      <xsl:if test="@code">
        <dt>접근 코드</dt>
        <dd class="access-code"><xsl:value-of select="@code"/></dd>
      </xsl:if>
    </dl>
    <xsl:choose>
      <xsl:when test="@code">
        <p class="important"><strong>접근 코드는 지금 한 번만 보여 드립니다.</strong>
          저장하지 않으므로 다시 알려 드릴 수 없습니다. 접수번호와 함께 적어 두십시오.
          처리 상황은 접수번호와 접근 코드로 조회합니다.</p>
        <p><a href="{$base}/petitions/{@receipt}?code={@code}">처리 상황 보기</a></p>
      </xsl:when>
      <xsl:otherwise>
        <p>접근 코드는 접수 직후 한 번만 표시되며 다시 보여 드릴 수 없습니다.
          처리 상황은 접수번호와 그때 받은 접근 코드로 조회하십시오.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
