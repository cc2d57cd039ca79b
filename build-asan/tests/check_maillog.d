build-asan/tests/check_maillog.o: tests/check_maillog.c tests/testutil.h \
 timeline/timeline.h base/base.h collectors/maillog/maillog_int.h \
 collectors/collectors.h
tests/testutil.h:
timeline/timeline.h:
base/base.h:
collectors/maillog/maillog_int.h:
collectors/collectors.h:
