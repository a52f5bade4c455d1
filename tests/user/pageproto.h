/* The page server's protocol (the Hurd-problem demo, doc/roottask.md).
   Clients call through the messenger passed as VG_BOOT_CAP_PASSED (0).  */
#ifndef PAGEPROTO_H
#define PAGEPROTO_H

/* Request labels.  */
#define PAGEPROTO_ALLOC                                                       \
  1 /* words[0] pages, words[1] client id; caps[0]                            \
       the client's activity.  Reply: label an                                \
       error (0: all granted), words[0] pages                                 \
       granted by this call.  */
#define PAGEPROTO_BYE                                                         \
  2 /* words[1] client id: the client is done.                                \
       Reply: label 0.  */
#define PAGEPROTO_MAX_CLIENTS 8

#endif
