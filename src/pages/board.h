/* board: the citizen's board — GET /board/new (the form), POST /board (a
 * post: urlencoded or multipart) and GET /board/receipt/{receipt} (receipt
 * number and, once, the access code). */
#ifndef CHARTER_BOARD_H
#define CHARTER_BOARD_H
struct req;
int	 h_board_new(struct req *);
int	 h_board_post(struct req *);
int	 h_board_receipt(struct req *);
#endif
