build-asan/collectors/bodyfile.o: collectors/bodyfile.c \
 collectors/collectors.h base/base.h timeline/timeline.h
collectors/collectors.h:
base/base.h:
timeline/timeline.h:
