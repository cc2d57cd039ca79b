build-asan/collectors/source.o: collectors/source.c \
 collectors/collectors.h base/base.h timeline/timeline.h
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
