/* Image metadata getters and setters from the [[property]] table.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#define OPENK4A_NO_DEPRECATION_WARNINGS 1
#include "core/image.h"

#include <openk4a/image.h>

/* Relaxed atomics: a value set on one thread and read on another is never torn,
 * and ordering with other data is the caller's business (as with a plain field). */

uint64_t k4a_image_get_device_timestamp_usec(k4a_image_t image_handle)
{
    const struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    return image == NULL ? 0 : atomic_load_explicit(&image->prop_device_timestamp_usec, memory_order_relaxed);
}

void k4a_image_set_device_timestamp_usec(k4a_image_t image_handle, uint64_t timestamp_usec)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    if (image != NULL)
    {
        atomic_store_explicit(&image->prop_device_timestamp_usec, timestamp_usec, memory_order_relaxed);
    }
}

uint64_t k4a_image_get_timestamp_usec(k4a_image_t image_handle)
{
    return k4a_image_get_device_timestamp_usec(image_handle);
}

void k4a_image_set_timestamp_usec(k4a_image_t image_handle, uint64_t timestamp_usec)
{
    k4a_image_set_device_timestamp_usec(image_handle, timestamp_usec);
}

uint64_t k4a_image_get_system_timestamp_nsec(k4a_image_t image_handle)
{
    const struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    return image == NULL ? 0 : atomic_load_explicit(&image->prop_system_timestamp_nsec, memory_order_relaxed);
}

void k4a_image_set_system_timestamp_nsec(k4a_image_t image_handle, uint64_t timestamp_nsec)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    if (image != NULL)
    {
        atomic_store_explicit(&image->prop_system_timestamp_nsec, timestamp_nsec, memory_order_relaxed);
    }
}

uint64_t k4a_image_get_exposure_usec(k4a_image_t image_handle)
{
    const struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    return image == NULL ? 0 : atomic_load_explicit(&image->prop_exposure_usec, memory_order_relaxed);
}

void k4a_image_set_exposure_usec(k4a_image_t image_handle, uint64_t exposure_usec)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    if (image != NULL)
    {
        atomic_store_explicit(&image->prop_exposure_usec, exposure_usec, memory_order_relaxed);
    }
}

void k4a_image_set_exposure_time_usec(k4a_image_t image_handle, uint64_t exposure_usec)
{
    k4a_image_set_exposure_usec(image_handle, exposure_usec);
}

uint32_t k4a_image_get_white_balance(k4a_image_t image_handle)
{
    const struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    return image == NULL ? 0 : atomic_load_explicit(&image->prop_white_balance, memory_order_relaxed);
}

void k4a_image_set_white_balance(k4a_image_t image_handle, uint32_t white_balance)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    if (image != NULL)
    {
        atomic_store_explicit(&image->prop_white_balance, white_balance, memory_order_relaxed);
    }
}

uint32_t k4a_image_get_iso_speed(k4a_image_t image_handle)
{
    const struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    return image == NULL ? 0 : atomic_load_explicit(&image->prop_iso_speed, memory_order_relaxed);
}

void k4a_image_set_iso_speed(k4a_image_t image_handle, uint32_t iso_speed)
{
    struct _k4a_image_t *image = ok4a_image_enter(image_handle, __func__);
    if (image != NULL)
    {
        atomic_store_explicit(&image->prop_iso_speed, iso_speed, memory_order_relaxed);
    }
}

k4a_result_t openk4a_image_copy_properties(k4a_image_t destination, k4a_image_t source)
{
    struct _k4a_image_t *to = ok4a_image_enter(destination, __func__);
    const struct _k4a_image_t *from = ok4a_image_enter(source, __func__);
    if (to == NULL || from == NULL)
    {
        return K4A_RESULT_FAILED;
    }
    atomic_store_explicit(&to->prop_device_timestamp_usec,
                          atomic_load_explicit(&from->prop_device_timestamp_usec, memory_order_relaxed),
                          memory_order_relaxed);
    atomic_store_explicit(&to->prop_system_timestamp_nsec,
                          atomic_load_explicit(&from->prop_system_timestamp_nsec, memory_order_relaxed),
                          memory_order_relaxed);
    atomic_store_explicit(&to->prop_exposure_usec,
                          atomic_load_explicit(&from->prop_exposure_usec, memory_order_relaxed), memory_order_relaxed);
    atomic_store_explicit(&to->prop_white_balance,
                          atomic_load_explicit(&from->prop_white_balance, memory_order_relaxed), memory_order_relaxed);
    atomic_store_explicit(&to->prop_iso_speed, atomic_load_explicit(&from->prop_iso_speed, memory_order_relaxed),
                          memory_order_relaxed);
    return K4A_RESULT_SUCCEEDED;
}
