build-asan/collectors/maillog/exim.o: collectors/maillog/exim.c \
 collectors/maillog/maillog_int.h collectors/collectors.h base/base.h \
 timeline/timeline.h
collectors/maillog/maillog_int.h:
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
