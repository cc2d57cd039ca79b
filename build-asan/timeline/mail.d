build-asan/timeline/mail.o: timeline/mail.c timeline/store_int.h \
 timeline/timeline.h base/base.h
timeline/store_int.h:
timeline/timeline.h:
base/base.h:
