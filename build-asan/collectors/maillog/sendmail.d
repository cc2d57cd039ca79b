build-asan/collectors/maillog/sendmail.o: collectors/maillog/sendmail.c \
 collectors/maillog/maillog_int.h collectors/collectors.h base/base.h \
 timeline/timeline.h
collectors/maillog/maillog_int.h:
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
