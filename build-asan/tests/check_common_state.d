build-asan/tests/check_common_state.o: tests/check_common_state.c \
 collectors/collectors.h base/base.h timeline/timeline.h
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
