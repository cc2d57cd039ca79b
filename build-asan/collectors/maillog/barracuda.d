build-asan/collectors/maillog/barracuda.o: collectors/maillog/barracuda.c \
 collectors/maillog/maillog_int.h collectors/collectors.h base/base.h \
 timeline/timeline.h
collectors/maillog/maillog_int.h:
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
