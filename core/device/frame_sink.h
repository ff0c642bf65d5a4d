/* Where a device stage hands its images (internal): the next stage's input. */
#ifndef OPENK4A_CORE_DEVICE_FRAME_SINK_H_
#define OPENK4A_CORE_DEVICE_FRAME_SINK_H_

#include <stdint.h>

#include <k4a/k4a.h>

#include "openk4a/device.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* Receives one good frame as an image (ownership passes to the sink) with its
     * device timestamp. Frames of one stream arrive in order, never concurrently. */
    typedef void(ok4a_frame_sink_fn)(void *context, openk4a_stream_t stream, k4a_image_t image,
                                     uint64_t device_timestamp_usec);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_FRAME_SINK_H_ */
