/* Image metadata fields from the [[property]] table.
 * generated from core/spec/api.toml by tools/codegen/api_gen.py; do not edit */
#ifndef CORE_IMAGE_PROPERTIES_GENERATED_H_
#define CORE_IMAGE_PROPERTIES_GENERATED_H_

/* Internal: the per-image metadata fields and their reset, used by core/image.h. */

#define OK4A_IMAGE_PROPERTY_FIELDS                                                                                     \
    _Atomic(uint64_t) prop_device_timestamp_usec;                                                                      \
    _Atomic(uint64_t) prop_system_timestamp_nsec;                                                                      \
    _Atomic(uint64_t) prop_exposure_usec;                                                                              \
    _Atomic(uint32_t) prop_white_balance;                                                                              \
    _Atomic(uint32_t) prop_iso_speed;

#define OK4A_IMAGE_PROPERTIES_RESET(image)                                                                             \
    do                                                                                                                 \
    {                                                                                                                  \
        atomic_store_explicit(&(image)->prop_device_timestamp_usec, 0, memory_order_relaxed);                          \
        atomic_store_explicit(&(image)->prop_system_timestamp_nsec, 0, memory_order_relaxed);                          \
        atomic_store_explicit(&(image)->prop_exposure_usec, 0, memory_order_relaxed);                                  \
        atomic_store_explicit(&(image)->prop_white_balance, 0, memory_order_relaxed);                                  \
        atomic_store_explicit(&(image)->prop_iso_speed, 0, memory_order_relaxed);                                      \
    } while (0)

#endif /* CORE_IMAGE_PROPERTIES_GENERATED_H_ */
