<?xml version="1.0" encoding="UTF-8"?>
<!-- admin.xsl - staff views: one petition with its applicant (when the reader may
     see it), events, the standards that apply and attachments. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

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
      <thead><tr><th scope="col">기준</th><th scope="col">구간</th><th scope="col">목표</th><th scope="col">시계</th><th scope="col">구분</th><th scope="col">출처</th></tr></thead>
      <tbody>
        <xsl:for-each select="measures/measure">
          <tr>
            <td><xsl:value-of select="@id"/></td>
            <td><xsl:value-of select="@from"/> → <xsl:value-of select="@to"/></td>
            <td><xsl:value-of select="@target"/><xsl:if test="@rings"><xsl:value-of select="@rings"/>회</xsl:if></td>
            <td><xsl:value-of select="@clock"/></td>
            <td><xsl:value-of select="@basis"/></td>
            <td><xsl:value-of select="@origin"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>

    <h2>처리 경과</h2>
    <xsl:choose>
      <xsl:when test="events/event">
        <ol class="events">
          <xsl:for-each select="events/event">
            <li><xsl:value-of select="@at"/><xsl:text> </xsl:text><xsl:value-of select="@type"/>
              <xsl:if test="@officer"> (<xsl:value-of select="@officer"/>)</xsl:if>
              <xsl:if test="@due"> 새 기한 <xsl:value-of select="@due"/></xsl:if>
              <xsl:if test="@reason"> — <xsl:value-of select="@reason"/></xsl:if></li>
          </xsl:for-each>
        </ol>
      </xsl:when>
      <xsl:otherwise><p>기록된 처리 경과가 없습니다.</p></xsl:otherwise>
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

</xsl:stylesheet>
