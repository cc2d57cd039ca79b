build-asan/tests/check_bodyfile.o: tests/check_bodyfile.c \
 collectors/collectors.h base/base.h timeline/timeline.h
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
