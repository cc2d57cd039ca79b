build-asan/tests/check_mail.o: tests/check_mail.c tests/testutil.h \
 timeline/timeline.h base/base.h
tests/testutil.h:
timeline/timeline.h:
base/base.h:
