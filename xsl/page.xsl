<?xml version="1.0" encoding="UTF-8"?>
<!--
  page.xsl - the single entry stylesheet: renders every <page> document the
  application builds (charter page, index, version history, survey thanks,
  error) as accessible HTML5. No JavaScript; text is only ever output escaped.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="layout.xsl"/>
  <xsl:include href="charter.xsl"/>
  <xsl:include href="index.xsl"/>
  <xsl:include href="versions.xsl"/>
  <xsl:include href="misc.xsl"/>
  <xsl:include href="board.xsl"/>
  <xsl:include href="status.xsl"/>
  <xsl:include href="admin.xsl"/>
  <xsl:include href="worklist.xsl"/>
  <!-- engine includes: events helper, worklist helper -->
  <xsl:include href="opendata.xsl"/>
  <xsl:include href="feedback.xsl"/>
  <!-- open data includes: page helper, satisfaction helper, open311 helper -->

  <xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="no"/>
  <xsl:strip-space elements="*"/>

  <!-- URL prefix for every link the pages make -->
  <xsl:variable name="base" select="string(/page/@base)"/>

  <xsl:template match="/">
    <xsl:apply-templates select="page"/>
  </xsl:template>

</xsl:stylesheet>
