build-asan/timeline/audit.o: timeline/audit.c timeline/store_int.h \
 timeline/timeline.h base/base.h
timeline/store_int.h:
timeline/timeline.h:
base/base.h:
