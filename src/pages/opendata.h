/* opendata: the open-data page GET /opendata/ (HTML with SVG charts drawn
 * by xsl/opendata.xsl) and GET /opendata/index.xml (its XML document):
 * compliance, times to answer, compensation and satisfaction per city,
 * department, period and standard, filtered by city, dept, period, from, to. */
#ifndef CHARTER_OPENDATA_H
#define CHARTER_OPENDATA_H
struct req;
int	 h_opendata(struct req *);
#endif
