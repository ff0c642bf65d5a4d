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
     * device timestamp and the sensor temperature the device measured with it
     * (NAN when the stream carries none: only the depth engine reports one).
     * Frames of one stream arrive in order, never concurrently. */
    typedef void(ok4a_frame_sink_fn)(void *context, openk4a_stream_t stream, k4a_image_t image,
                                     uint64_t device_timestamp_usec, float temperature_c);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_CORE_DEVICE_FRAME_SINK_H_ */
