/* open311: the Open311 GeoReport v2 API at /open311/v2/
 * (wiki.open311.org/GeoReport_v2): discovery, services, service
 * definitions, service requests (GET with filters, POST with an api_key) and
 * tokens, in XML and JSON, errors in the specification's format. No personal
 * data in any answer. */
#ifndef CHARTER_PAGES_OPEN311_H
#define CHARTER_PAGES_OPEN311_H

struct req;

int	 h_o311_discovery(struct req *);
int	 h_o311_services(struct req *);
int	 h_o311_service(struct req *);		/* services/{service_code} */
int	 h_o311_requests(struct req *);		/* GET requests */
int	 h_o311_post(struct req *);		/* POST requests */
int	 h_o311_request(struct req *);		/* requests/{service_request_id} */
int	 h_o311_token(struct req *);		/* tokens/{token} */

#endif
