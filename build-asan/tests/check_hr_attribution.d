build-asan/tests/check_hr_attribution.o: tests/check_hr_attribution.c \
 tests/testutil.h timeline/timeline.h base/base.h \
 collectors/hr/hrdocs_int.h base/buf.h collectors/hr/hr_int.h base/csv.h \
 base/escape.h base/fold.h base/limits.h base/match.h \
 collectors/collectors.h
tests/testutil.h:
timeline/timeline.h:
base/base.h:
collectors/hr/hrdocs_int.h:
base/buf.h:
collectors/hr/hr_int.h:
base/csv.h:
base/escape.h:
base/fold.h:
base/limits.h:
base/match.h:
collectors/collectors.h:
