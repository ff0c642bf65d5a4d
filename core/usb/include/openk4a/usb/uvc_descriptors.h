/* UVC configuration descriptor -> a model of the video function.
 *
 * openk4a_uvc_config_parse() walks a whole configuration descriptor (as
 * returned by GET_DESCRIPTOR(CONFIGURATION), wTotalLength bytes) and fills a
 * caller-owned openk4a_uvc_config_t: the VideoControl interface (header,
 * terminals, units, clock frequency, interrupt endpoint) and each
 * VideoStreaming interface (input header, MJPEG / uncompressed / frame-based
 * formats, their frames with continuous or discrete intervals, still-image
 * and colour-matching descriptors, alternate settings with their endpoints
 * and bandwidth). Interface association descriptors, audio, HID and other
 * interfaces are length-checked and skipped.
 *
 * Every descriptor goes through a generated, bounds-checked parser
 * (uvc_wire.h); the walk advances by bLength >= 2 each step, so it always
 * ends. Hostile input gets an error and the offset where it was found:
 *   bLength 0                        -> OPENK4A_USB_ERR_ZERO_LENGTH
 *   bLength too small for its fields -> OPENK4A_USB_ERR_BAD_LENGTH
 *   a descriptor crossing wTotalLength, or wTotalLength < 9
 *                                    -> OPENK4A_USB_ERR_TOTAL_LENGTH_MISMATCH
 *   wTotalLength beyond the input    -> OPENK4A_USB_ERR_TRUNCATED
 *   frames without a format, duplicate alternate settings, ...
 *                                    -> OPENK4A_USB_ERR_INCONSISTENT
 *   more than the OPENK4A_UVC_MAX_* entries -> OPENK4A_USB_ERR_CAPACITY
 * Oddities real devices ship (header wTotalLength off, fewer frames than
 * bNumFrameDescriptors, unsupported formats) only set `warnings` bits.
 *
 * Borrowed pointers: the few variable-size bitmaps and lists in the model
 * (`controls`, `source_ids`, `in_collection`, `format_controls`,
 * `still_compression`) point into the parsed bytes; keep those alive while
 * you use them. Everything else is copied. The model is large (~100 KiB):
 * allocate it, do not put it on a small stack. Table entries past their
 * counts are left as they were (parsing never sweeps the whole model). */
#ifndef OPENK4A_USB_UVC_DESCRIPTORS_H_
#define OPENK4A_USB_UVC_DESCRIPTORS_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "openk4a/usb/usb_status.h"
#include "openk4a/usb/uvc_wire.h"

#ifdef __cplusplus
extern "C"
{
#endif

/* Model capacities (exceeding one is OPENK4A_USB_ERR_CAPACITY). */
#define OPENK4A_UVC_MAX_ENTITIES 64 /**< VideoControl terminals + units */
#define OPENK4A_UVC_MAX_STREAMING_INTERFACES 8
#define OPENK4A_UVC_MAX_ALT_SETTINGS 128 /**< over all streaming interfaces */
#define OPENK4A_UVC_MAX_FORMATS 64
#define OPENK4A_UVC_MAX_FRAMES 1024
#define OPENK4A_UVC_MAX_INTERVALS 8192 /**< discrete intervals, all frames */
#define OPENK4A_UVC_MAX_STILL_SIZES 256

/* Bits of openk4a_uvc_config_t.warnings: accepted oddities. */
#define OPENK4A_UVC_WARN_VC_TOTAL_LENGTH 0x0001u     /**< VC header wTotalLength != its descriptors */
#define OPENK4A_UVC_WARN_VS_TOTAL_LENGTH 0x0002u     /**< VS input header wTotalLength differs */
#define OPENK4A_UVC_WARN_FORMAT_COUNT 0x0004u        /**< bNumFormats != formats found */
#define OPENK4A_UVC_WARN_FRAME_COUNT 0x0008u         /**< bNumFrameDescriptors != frames found */
#define OPENK4A_UVC_WARN_UNSUPPORTED_FORMAT 0x0010u  /**< MPEG2-TS, DV, H.264 (1.5), ... skipped */
#define OPENK4A_UVC_WARN_EXTRA_VIDEO_CONTROL 0x0020u /**< a second VideoControl interface skipped */
#define OPENK4A_UVC_WARN_NOT_IN_COLLECTION 0x0040u   /**< a streaming interface not in baInterfaceNr */
#define OPENK4A_UVC_WARN_STRAY_DESCRIPTOR 0x0080u    /**< a class descriptor out of place, skipped */
#define OPENK4A_UVC_WARN_ENDPOINT_COUNT 0x0100u      /**< bNumEndpoints != endpoints found */
#define OPENK4A_UVC_WARN_STILL_FRAME 0x0200u /**< a malformed or misplaced still image frame descriptor, skipped */

    /** Pixel formats recognised from format GUIDs (FourCC + standard suffix). */
    typedef enum openk4a_uvc_pixel_format
    {
        OPENK4A_UVC_PIXEL_UNKNOWN = 0, /**< any other GUID: see guid / fourcc */
        OPENK4A_UVC_PIXEL_MJPEG,
        OPENK4A_UVC_PIXEL_YUY2,
        OPENK4A_UVC_PIXEL_NV12,
        OPENK4A_UVC_PIXEL_Z16, /**< 16-bit depth ('Z16 ') */
        OPENK4A_UVC_PIXEL_Y16, /**< 16-bit grey / IR ('Y16 ') */
        OPENK4A_UVC_PIXEL_Y8,  /**< 8-bit grey ('Y8  ' or 'GREY') */
        OPENK4A_UVC_PIXEL_H264,
    } openk4a_uvc_pixel_format_t;

    /** A VideoControl terminal or unit. Fields that do not apply are 0 / NULL. */
    typedef struct openk4a_uvc_entity
    {
        uint8_t subtype;           /**< OPENK4A_UVC_VC_INPUT_TERMINAL ... _ENCODING_UNIT */
        uint8_t id;                /**< bTerminalID / bUnitID */
        uint16_t terminal_type;    /**< terminals: wTerminalType (OPENK4A_UVC_TT_*) */
        uint8_t assoc_terminal;    /**< terminals */
        uint8_t source_id;         /**< output terminal, processing and encoding unit */
        uint8_t num_sources;       /**< selector and extension unit: bNrInPins */
        const uint8_t *source_ids; /**< borrowed: num_sources ids */
        uint8_t control_size;
        const uint8_t *controls;  /**< borrowed bmControls (camera terminal, PU, XU, EU) */
        uint8_t num_controls;     /**< extension unit bNumControls */
        uint8_t guid[16];         /**< extension unit guidExtensionCode */
        uint16_t max_multiplier;  /**< processing unit wMaxMultiplier */
        bool has_video_standards; /**< processing unit, UVC 1.1+ */
        uint8_t video_standards;
        uint16_t objective_focal_length_min; /**< camera terminal */
        uint16_t objective_focal_length_max;
        uint16_t ocular_focal_length;
        uint8_t string_index; /**< iTerminal / iSelector / iProcessing / iExtension / iEncoding */
    } openk4a_uvc_entity_t;

    typedef struct openk4a_uvc_video_control
    {
        bool present;
        uint8_t interface_number;
        uint16_t bcd_uvc;         /**< 0x0100, 0x0110, 0x0150 */
        uint16_t total_length;    /**< as declared by the header */
        uint32_t clock_frequency; /**< Hz */
        uint8_t num_in_collection;
        const uint8_t *in_collection; /**< borrowed: the VideoStreaming interface numbers */
        uint8_t interrupt_endpoint;   /**< 0 when there is none */
        uint16_t interrupt_max_packet_size;
        uint16_t interrupt_max_transfer_size; /**< class-specific endpoint, 0 when absent */
        uint16_t first_entity;                /**< entities[first_entity, +entity_count) */
        uint16_t entity_count;
    } openk4a_uvc_video_control_t;

    typedef struct openk4a_uvc_alt_setting
    {
        uint8_t interface_number;
        uint8_t alternate_setting;
        uint8_t num_endpoints; /**< as declared */
        bool has_endpoint;     /**< the streaming endpoint was found */
        uint8_t endpoint_address;
        uint8_t endpoint_attributes; /**< bits 1..0: 1 isochronous, 2 bulk */
        uint16_t max_packet_size;    /**< raw wMaxPacketSize */
        uint8_t interval;
        bool has_ss_companion;
        uint8_t ss_max_burst;
        uint8_t ss_attributes;
        uint16_t ss_bytes_per_interval;
        /** Bytes the endpoint moves per service interval: isochronous SuperSpeed uses
         * the companion's wBytesPerInterval; otherwise size * (1 + extra transactions). */
        uint32_t bytes_per_interval;
    } openk4a_uvc_alt_setting_t;

    typedef struct openk4a_uvc_streaming_interface
    {
        uint8_t interface_number;
        bool has_input_header;
        uint8_t num_formats_declared; /**< bNumFormats */
        uint16_t total_length;        /**< as declared by the input header */
        uint8_t endpoint_address;
        uint8_t info; /**< bmInfo */
        uint8_t terminal_link;
        uint8_t still_capture_method;
        uint8_t trigger_support;
        uint8_t trigger_usage;
        uint8_t control_size;
        const uint8_t *format_controls; /**< borrowed: num_formats_declared * control_size bytes */
        uint16_t first_format;          /**< formats[first_format, +format_count) */
        uint16_t format_count;
        uint16_t alt_count; /**< alt settings with this interface_number */
    } openk4a_uvc_streaming_interface_t;

    typedef struct openk4a_uvc_format
    {
        uint16_t streaming; /**< index into streaming[] */
        uint8_t interface_number;
        uint8_t subtype;      /**< OPENK4A_UVC_VS_FORMAT_UNCOMPRESSED / _MJPEG / _FRAME_BASED */
        uint8_t format_index; /**< bFormatIndex (for probe/commit) */
        uint8_t num_frames_declared;
        openk4a_uvc_pixel_format_t pixel_format;
        uint32_t fourcc;        /**< first 4 GUID bytes, little-endian; 'MJPG' for MJPEG */
        uint8_t guid[16];       /**< all zero for MJPEG */
        uint8_t bits_per_pixel; /**< 0 for MJPEG */
        uint8_t default_frame_index;
        uint8_t aspect_ratio_x;
        uint8_t aspect_ratio_y;
        uint8_t interlace_flags;
        uint8_t copy_protect;
        uint8_t mjpeg_flags;   /**< MJPEG bmFlags */
        uint8_t variable_size; /**< frame-based bVariableSize */
        uint16_t first_frame;  /**< frames[first_frame, +frame_count) */
        uint16_t frame_count;
        bool has_still; /**< a still image frame descriptor follows the format */
        uint8_t still_endpoint;
        uint16_t first_still_size; /**< still_sizes[first_still_size, +still_size_count) */
        uint16_t still_size_count;
        uint8_t still_compression_count;
        const uint8_t *still_compression; /**< borrowed */
        bool has_color_matching;
        uint8_t color_primaries;
        uint8_t transfer_characteristics;
        uint8_t matrix_coefficients;
    } openk4a_uvc_format_t;

    typedef struct openk4a_uvc_frame_desc
    {
        uint16_t format;     /**< index into formats[] */
        uint8_t subtype;     /**< FRAME_UNCOMPRESSED / FRAME_MJPEG / FRAME_FRAME_BASED */
        uint8_t frame_index; /**< bFrameIndex (for probe/commit) */
        uint8_t capabilities;
        uint16_t width;
        uint16_t height;
        uint32_t min_bit_rate;
        uint32_t max_bit_rate;
        uint32_t max_frame_buffer_size; /**< 0 for frame-based */
        uint32_t bytes_per_line;        /**< frame-based only */
        uint32_t default_interval;      /**< 100 ns units */
        uint8_t interval_type;          /**< 0 = continuous, else the number of discrete intervals */
        uint32_t min_interval;          /**< continuous: as declared; discrete: smallest of the list */
        uint32_t max_interval;          /**< continuous: as declared; discrete: largest of the list */
        uint32_t interval_step;         /**< continuous only */
        uint16_t first_interval;        /**< discrete: intervals[first_interval, +interval_type) */
    } openk4a_uvc_frame_desc_t;

    /** The whole video function of one configuration. */
    typedef struct openk4a_uvc_config
    {
        uint16_t total_length;
        uint8_t num_interfaces;
        uint8_t configuration_value;
        uint8_t attributes;
        uint8_t max_power;
        uint32_t warnings;            /**< OPENK4A_UVC_WARN_* bits */
        uint32_t skipped_descriptors; /**< IADs, other classes, unsupported formats... */
        openk4a_uvc_video_control_t control;
        uint16_t streaming_count;
        uint16_t alt_count;
        uint16_t format_count;
        uint16_t frame_count;
        uint16_t entity_count;
        uint16_t still_size_count;
        uint32_t interval_count;
        openk4a_uvc_streaming_interface_t streaming[OPENK4A_UVC_MAX_STREAMING_INTERFACES];
        openk4a_uvc_alt_setting_t alts[OPENK4A_UVC_MAX_ALT_SETTINGS];
        openk4a_uvc_format_t formats[OPENK4A_UVC_MAX_FORMATS];
        openk4a_uvc_frame_desc_t frames[OPENK4A_UVC_MAX_FRAMES];
        openk4a_uvc_entity_t entities[OPENK4A_UVC_MAX_ENTITIES];
        openk4a_uvc_still_size_t still_sizes[OPENK4A_UVC_MAX_STILL_SIZES];
        uint32_t intervals[OPENK4A_UVC_MAX_INTERVALS];
    } openk4a_uvc_config_t;

    /** Parses a configuration descriptor (its first wTotalLength bytes) into *model.
     * *consumed (may be NULL) is wTotalLength on success, else the offset of the
     * descriptor that failed. *model is unspecified after an error. */
    openk4a_usb_status_t openk4a_uvc_config_parse(const uint8_t *data, size_t size, openk4a_uvc_config_t *model,
                                                  size_t *consumed);

    /** Like openk4a_uvc_config_parse, but size must equal wTotalLength. */
    openk4a_usb_status_t openk4a_uvc_config_parse_complete(const uint8_t *data, size_t size,
                                                           openk4a_uvc_config_t *model);

    /** The format with this bFormatIndex on this streaming interface, or NULL. */
    const openk4a_uvc_format_t *openk4a_uvc_config_find_format(const openk4a_uvc_config_t *model,
                                                               uint8_t interface_number, uint8_t format_index);

    /** The first format of a pixel format (any streaming interface), or NULL. */
    const openk4a_uvc_format_t *openk4a_uvc_config_find_pixel_format(const openk4a_uvc_config_t *model,
                                                                     openk4a_uvc_pixel_format_t pixel_format);

    /** The frame of `format` with this bFrameIndex, or NULL. */
    const openk4a_uvc_frame_desc_t *openk4a_uvc_config_find_frame(const openk4a_uvc_config_t *model,
                                                                  const openk4a_uvc_format_t *format,
                                                                  uint8_t frame_index);

    /** The frame of `format` with this size, or NULL. */
    const openk4a_uvc_frame_desc_t *openk4a_uvc_config_find_frame_by_size(const openk4a_uvc_config_t *model,
                                                                          const openk4a_uvc_format_t *format,
                                                                          uint16_t width, uint16_t height);

    /** Whether `frame` offers this interval (100 ns units): one of its discrete
     * intervals, or inside its continuous range on a step boundary (step 0: any). */
    bool openk4a_uvc_frame_supports_interval(const openk4a_uvc_config_t *model, const openk4a_uvc_frame_desc_t *frame,
                                             uint32_t interval);

    /** Discrete interval i of a frame (0 when out of range). */
    uint32_t openk4a_uvc_frame_interval_at(const openk4a_uvc_config_t *model, const openk4a_uvc_frame_desc_t *frame,
                                           size_t i);

    /** The alternate setting of a streaming interface with the smallest bandwidth
     * that still moves `bytes_per_interval`, or NULL when none does. Alternate
     * settings without an endpoint (alt 0 of isochronous devices) never match. */
    const openk4a_uvc_alt_setting_t *openk4a_uvc_config_pick_alt_setting(const openk4a_uvc_config_t *model,
                                                                         uint8_t interface_number,
                                                                         uint32_t bytes_per_interval);

    /** Maps a 16-byte format GUID to a pixel format (UNKNOWN for others). */
    openk4a_uvc_pixel_format_t openk4a_uvc_pixel_format_from_guid(const uint8_t guid[16]);

    /** "MJPEG", "YUY2", ...; "UNKNOWN" otherwise. */
    const char *openk4a_uvc_pixel_format_name(openk4a_uvc_pixel_format_t pixel_format);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OPENK4A_USB_UVC_DESCRIPTORS_H_ */
