/* openk4a extensions to the k4a API.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef OPENK4A_MEMORY_H_
#define OPENK4A_MEMORY_H_

#include <k4a/k4a_export.h>
#include <k4a/k4atypes.h>

#ifdef __cplusplus
extern "C"
{
#endif

    /** Counts of the library's live objects and pooled memory, for leak checks and tuning. */
    typedef struct _openk4a_memory_stats_t
    {
        /** Images created and not yet freed (all references released). */
        uint64_t images_live;
        /** Captures created and not yet freed. */
        uint64_t captures_live;
        /** k4a_image_create() buffers held by live images. */
        uint64_t image_buffers_in_use;
        /** Free k4a_image_create() buffers kept for reuse. */
        uint64_t image_buffers_pooled;
        /** Bytes in those free buffers. */
        uint64_t image_bytes_pooled;
    } openk4a_memory_stats_t;

    /* ---- openk4a extensions ---- */

    /**
     * Reads the counts of live images and captures and of pooled image buffers.
     *
     * \param[out] stats Receives the counts.
     *
     * \returns K4A_RESULT_SUCCEEDED, or K4A_RESULT_FAILED when stats is NULL.
     *
     * The counts are a snapshot: other threads may change them at any time. After every image and
     * capture has been released, images_live, captures_live and image_buffers_in_use are 0.
     */
    K4A_EXPORT k4a_result_t openk4a_get_memory_stats(openk4a_memory_stats_t *stats);

    /**
     * Frees the pooled buffers that no image is using.
     *
     * k4a_image_create() recycles buffers through size-class pools, each keeping a bounded number of
     * free buffers; this returns them to the system (for example after a burst). Each thread also keeps
     * at most one free buffer per size class up to 4 MiB: the calling thread's are freed here, other
     * threads' when they exit. Image and capture objects themselves are recycled and never returned to
     * the system.
     */
    K4A_EXPORT void openk4a_trim_memory(void);

#ifdef __cplusplus
}
#endif

#endif /* OPENK4A_MEMORY_H_ */
