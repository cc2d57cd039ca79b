build-asan/collectors/registry.o: collectors/registry.c \
 collectors/collectors.h base/base.h timeline/timeline.h
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
