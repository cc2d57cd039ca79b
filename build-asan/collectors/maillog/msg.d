build-asan/collectors/maillog/msg.o: collectors/maillog/msg.c \
 collectors/maillog/maillog_int.h collectors/collectors.h base/base.h \
 timeline/timeline.h
collectors/maillog/maillog_int.h:
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
