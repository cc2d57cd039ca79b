build-asan/timeline/store.o: timeline/store.c timeline/store_int.h \
 timeline/timeline.h base/base.h
timeline/store_int.h:
timeline/timeline.h:
base/base.h:
