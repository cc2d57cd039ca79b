build-asan/tests/check_source.o: tests/check_source.c \
 collectors/collectors.h base/base.h timeline/timeline.h
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
