build-asan/collectors/maillog/maillog.o: collectors/maillog/maillog.c \
 collectors/maillog/maillog_int.h collectors/collectors.h base/base.h \
 timeline/timeline.h
collectors/maillog/maillog_int.h:
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
