/* openk4a_get_memory_stats / openk4a_trim_memory: a view over the slabs and
 * the k4a_image_create buffer pools. */
#include <string.h>

#include <openk4a/memory.h>

#include "core/capture.h"
#include "core/image.h"
#include "core/image_buffers.h"
#include "core/log.h"

k4a_result_t openk4a_get_memory_stats(openk4a_memory_stats_t *stats)
{
    if (stats == NULL)
    {
        OK4A_LOG_ERROR("%s: stats is NULL", __func__);
        return K4A_RESULT_FAILED;
    }
    memset(stats, 0, sizeof *stats);
    stats->images_live = ok4a_image_live_count();
    stats->captures_live = ok4a_capture_live_count();
    ok4a_image_buffer_stats_t buffers;
    ok4a_image_buffer_stats(&buffers);
    stats->image_buffers_in_use = buffers.in_use;
    stats->image_buffers_pooled = buffers.pooled;
    stats->image_bytes_pooled = buffers.pooled_bytes;
    return K4A_RESULT_SUCCEEDED;
}

void openk4a_trim_memory(void)
{
    ok4a_image_buffer_trim();
}
