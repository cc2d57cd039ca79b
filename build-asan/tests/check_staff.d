build-asan/tests/check_staff.o: tests/check_staff.c tests/testutil.h \
 timeline/timeline.h base/base.h collectors/hr/hr_int.h base/csv.h \
 base/escape.h base/buf.h base/fold.h base/limits.h base/match.h \
 collectors/collectors.h
tests/testutil.h:
timeline/timeline.h:
base/base.h:
collectors/hr/hr_int.h:
base/csv.h:
base/escape.h:
base/buf.h:
base/fold.h:
base/limits.h:
base/match.h:
collectors/collectors.h:
