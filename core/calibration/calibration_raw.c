#define _POSIX_C_SOURCE 200809L /* strnlen */

#include "core/calibration/calibration_raw.h"

#include <math.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

/* Bigger than any real blob (about 10 KiB) by far; refusing more bounds cJSON's allocations. */
#define OK4A_RAW_CALIBRATION_MAX_BYTES (1u << 20)

typedef struct
{
    char *text;
    size_t size;
} reason_t;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static k4a_result_t
fail(reason_t *reason, const char *format, ...)
{
    if (reason->size > 0)
    {
        va_list args;
        va_start(args, format);
        vsnprintf(reason->text, reason->size, format, args);
        va_end(args);
    }
    return K4A_RESULT_FAILED;
}

/* Exactly `count` finite numbers (at most `count` when `at_most`). */
static k4a_result_t read_floats(const cJSON *array, const char *what, float *out, int count, bool at_most,
                                reason_t *reason)
{
    if (!cJSON_IsArray(array))
    {
        return fail(reason, "%s is missing or not an array", what);
    }
    int n = cJSON_GetArraySize(array);
    if (at_most ? n > count : n != count)
    {
        return fail(reason, "%s has %d numbers, expected %s%d", what, n, at_most ? "at most " : "", count);
    }
    int i = 0;
    const cJSON *element;
    cJSON_ArrayForEach(element, array)
    {
        if (!cJSON_IsNumber(element) || !isfinite(element->valuedouble) || fabs(element->valuedouble) > 1e30)
        {
            return fail(reason, "%s[%d] is not a finite number", what, i);
        }
        out[i++] = (float)element->valuedouble;
    }
    return K4A_RESULT_SUCCEEDED;
}

static k4a_result_t read_rt(const cJSON *parent, const char *what, k4a_calibration_extrinsics_t *out, reason_t *reason)
{
    const cJSON *rt = cJSON_GetObjectItemCaseSensitive(parent, "Rt");
    char name[96];
    snprintf(name, sizeof name, "%s Rt.Rotation", what);
    if (read_floats(cJSON_GetObjectItemCaseSensitive(rt, "Rotation"), name, out->rotation, 9, false, reason) !=
        K4A_RESULT_SUCCEEDED)
    {
        return K4A_RESULT_FAILED;
    }
    snprintf(name, sizeof name, "%s Rt.Translation", what);
    if (read_floats(cJSON_GetObjectItemCaseSensitive(rt, "Translation"), name, out->translation, 3, false, reason) !=
        K4A_RESULT_SUCCEEDED)
    {
        return K4A_RESULT_FAILED;
    }
    for (int i = 0; i < 3; i++)
    {
        out->translation[i] *= 1000.f; /* the blob stores metres; k4a works in millimetres */
    }
    return K4A_RESULT_SUCCEEDED;
}

static const struct
{
    const char *name;
    k4a_calibration_model_type_t type;
} models[] = {
    {"CALIBRATION_LensDistortionModelTheta", K4A_CALIBRATION_LENS_DISTORTION_MODEL_THETA},
    {"CALIBRATION_LensDistortionModelPolynomial3K", K4A_CALIBRATION_LENS_DISTORTION_MODEL_POLYNOMIAL_3K},
    {"CALIBRATION_LensDistortionModelRational6KT", K4A_CALIBRATION_LENS_DISTORTION_MODEL_RATIONAL_6KT},
    {"CALIBRATION_LensDistortionModelBrownConrady", K4A_CALIBRATION_LENS_DISTORTION_MODEL_BROWN_CONRADY},
};

static bool read_int(const cJSON *parent, const char *key, int min, int max, int *out)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(parent, key);
    if (!cJSON_IsNumber(item) || !(item->valuedouble >= min && item->valuedouble <= max) ||
        item->valuedouble != floor(item->valuedouble))
    {
        return false;
    }
    *out = (int)item->valuedouble;
    return true;
}

static k4a_result_t read_camera(const cJSON *cameras, const char *location, k4a_calibration_camera_t *out,
                                reason_t *reason)
{
    const cJSON *camera = NULL, *each;
    cJSON_ArrayForEach(each, cameras)
    {
        const cJSON *loc = cJSON_GetObjectItemCaseSensitive(each, "Location");
        if (cJSON_IsString(loc) && strcmp(loc->valuestring, location) == 0)
        {
            camera = each;
            break;
        }
    }
    if (camera == NULL)
    {
        return fail(reason, "no camera with Location %s", location);
    }
    memset(out, 0, sizeof *out);
    if (read_rt(camera, location, &out->extrinsics, reason) != K4A_RESULT_SUCCEEDED)
    {
        return K4A_RESULT_FAILED;
    }
    const cJSON *intrinsics = cJSON_GetObjectItemCaseSensitive(camera, "Intrinsics");
    int count;
    if (!read_int(intrinsics, "ModelParameterCount", 0, 15, &count))
    {
        return fail(reason, "%s Intrinsics.ModelParameterCount is missing or not an integer 0..15", location);
    }
    char name[96];
    snprintf(name, sizeof name, "%s Intrinsics.ModelParameters", location);
    if (read_floats(cJSON_GetObjectItemCaseSensitive(intrinsics, "ModelParameters"), name, out->intrinsics.parameters.v,
                    count, true, reason) != K4A_RESULT_SUCCEEDED)
    {
        return K4A_RESULT_FAILED;
    }
    out->intrinsics.parameter_count = (unsigned int)count;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(intrinsics, "ModelType");
    out->intrinsics.type = K4A_CALIBRATION_LENS_DISTORTION_MODEL_UNKNOWN;
    for (size_t i = 0; cJSON_IsString(type) && i < sizeof models / sizeof models[0]; i++)
    {
        if (strcmp(type->valuestring, models[i].name) == 0)
        {
            out->intrinsics.type = models[i].type;
        }
    }
    if (out->intrinsics.type == K4A_CALIBRATION_LENS_DISTORTION_MODEL_UNKNOWN)
    {
        return fail(reason, "%s Intrinsics.ModelType is missing or unknown", location);
    }
    if (!read_int(camera, "SensorWidth", 1, 65536, &out->resolution_width) ||
        !read_int(camera, "SensorHeight", 1, 65536, &out->resolution_height))
    {
        return fail(reason, "%s SensorWidth/SensorHeight is missing or not an integer 1..65536", location);
    }
    const cJSON *radius = cJSON_GetObjectItemCaseSensitive(camera, "MetricRadius");
    if (!cJSON_IsNumber(radius) || !isfinite(radius->valuedouble) || radius->valuedouble > 1e6)
    {
        return fail(reason, "%s MetricRadius is missing or not a finite number", location);
    }
    out->metric_radius = (float)radius->valuedouble;
    /* 0 means the calibration did not estimate it; the SDK then assumes 1.7 (about 120 degrees). */
    if (out->metric_radius <= 0.0001f)
    {
        out->metric_radius = 1.7f;
    }
    return K4A_RESULT_SUCCEEDED;
}

static k4a_result_t read_imu(const cJSON *sensors, const char *type, k4a_calibration_extrinsics_t *out,
                             reason_t *reason)
{
    const cJSON *each;
    cJSON_ArrayForEach(each, sensors)
    {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(each, "SensorType");
        if (cJSON_IsString(t) && strcmp(t->valuestring, type) == 0)
        {
            return read_rt(each, type, out, reason);
        }
    }
    return fail(reason, "no inertial sensor with SensorType %s", type);
}

/* The blob as a cJSON tree (cJSON_Delete it), or NULL with the reason. */
static cJSON *parse_document(const char *json, size_t size, reason_t *reason)
{
    if (reason->size > 0)
    {
        reason->text[0] = '\0';
    }
    if (json == NULL)
    {
        fail(reason, "raw calibration is NULL");
        return NULL;
    }
    size_t length = strnlen(json, size);
    if (length == 0)
    {
        fail(reason, "raw calibration is empty");
        return NULL;
    }
    if (length > OK4A_RAW_CALIBRATION_MAX_BYTES)
    {
        fail(reason, "raw calibration is %zu bytes, more than the %u accepted", length, OK4A_RAW_CALIBRATION_MAX_BYTES);
        return NULL;
    }
    /* cJSON adapts the decimal point to the current locale itself, needs no NUL terminator with
     * an explicit length, and caps nesting (no stack exhaustion). The error position comes back
     * through parse_end rather than cJSON's global error pointer. */
    const char *parse_end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(json, length, &parse_end, false);
    if (root == NULL)
    {
        fail(reason, "not valid JSON (near byte %td)", parse_end != NULL ? parse_end - json : (ptrdiff_t)-1);
    }
    return root;
}

k4a_result_t ok4a_raw_calibration_parse(const char *json, size_t size, ok4a_raw_calibration_t *out, char *reason_text,
                                        size_t reason_size)
{
    reason_t reason = {reason_text, reason_size};
    cJSON *root = parse_document(json, size, &reason);
    if (root == NULL)
    {
        return K4A_RESULT_FAILED;
    }
    k4a_result_t result = K4A_RESULT_FAILED;
    const cJSON *info = cJSON_GetObjectItemCaseSensitive(root, "CalibrationInformation");
    const cJSON *cameras = cJSON_GetObjectItemCaseSensitive(info, "Cameras");
    const cJSON *sensors = cJSON_GetObjectItemCaseSensitive(info, "InertialSensors");
    if (!cJSON_IsArray(cameras))
    {
        fail(&reason, "CalibrationInformation.Cameras is missing or not an array");
    }
    else if (!cJSON_IsArray(sensors))
    {
        fail(&reason, "CalibrationInformation.InertialSensors is missing or not an array");
    }
    else if (read_camera(cameras, "CALIBRATION_CameraLocationD0", &out->depth, &reason) == K4A_RESULT_SUCCEEDED &&
             read_camera(cameras, "CALIBRATION_CameraLocationPV0", &out->color, &reason) == K4A_RESULT_SUCCEEDED &&
             read_imu(sensors, "CALIBRATION_InertialSensorType_Gyro", &out->gyro, &reason) == K4A_RESULT_SUCCEEDED &&
             read_imu(sensors, "CALIBRATION_InertialSensorType_Accelerometer", &out->accel, &reason) ==
                 K4A_RESULT_SUCCEEDED)
    {
        result = K4A_RESULT_SUCCEEDED;
    }
    cJSON_Delete(root);
    return result;
}

/* Coefficients beyond this are no calibration; within it, any sample's correction stays finite. */
#define OK4A_IMU_MAX_COEFFICIENT 1e6f

static k4a_result_t read_model(const cJSON *sensor, const char *type, const char *key, float *out, int count,
                               reason_t *reason)
{
    char name[128];
    snprintf(name, sizeof name, "%s %s", type, key);
    if (read_floats(cJSON_GetObjectItemCaseSensitive(sensor, key), name, out, count, false, reason) !=
        K4A_RESULT_SUCCEEDED)
    {
        return K4A_RESULT_FAILED;
    }
    for (int i = 0; i < count; i++)
    {
        if (fabsf(out[i]) > OK4A_IMU_MAX_COEFFICIENT)
        {
            return fail(reason, "%s[%d] is %g, beyond the +-%g a calibration holds", name, i, (double)out[i],
                        (double)OK4A_IMU_MAX_COEFFICIENT);
        }
    }
    return K4A_RESULT_SUCCEEDED;
}

static k4a_result_t read_imu_intrinsics(const cJSON *sensors, const char *type, ok4a_imu_intrinsics_t *out,
                                        reason_t *reason)
{
    const cJSON *sensor = NULL, *each;
    cJSON_ArrayForEach(each, sensors)
    {
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(each, "SensorType");
        if (cJSON_IsString(t) && strcmp(t->valuestring, type) == 0)
        {
            sensor = each;
            break;
        }
    }
    if (sensor == NULL)
    {
        return fail(reason, "no inertial sensor with SensorType %s", type);
    }
    memset(out, 0, sizeof *out);
    if (read_model(sensor, type, "BiasTemperatureModel", out->bias_temperature_model, 3 * OK4A_IMU_MODEL_COEFFICIENTS,
                   reason) != K4A_RESULT_SUCCEEDED ||
        read_model(sensor, type, "MixingMatrixTemperatureModel", out->mixing_matrix_temperature_model,
                   9 * OK4A_IMU_MODEL_COEFFICIENTS, reason) != K4A_RESULT_SUCCEEDED ||
        read_model(sensor, type, "SecondOrderScaling", out->second_order_scaling, 9, reason) != K4A_RESULT_SUCCEEDED)
    {
        return K4A_RESULT_FAILED;
    }
    char name[128];
    snprintf(name, sizeof name, "%s TemperatureBounds", type);
    if (read_floats(cJSON_GetObjectItemCaseSensitive(sensor, "TemperatureBounds"), name, out->temperature_bounds, 2,
                    false, reason) != K4A_RESULT_SUCCEEDED)
    {
        return K4A_RESULT_FAILED;
    }
    if (!(out->temperature_bounds[0] <= out->temperature_bounds[1]))
    {
        return fail(reason, "%s is [%g, %g]: the lower bound is above the upper", name,
                    (double)out->temperature_bounds[0], (double)out->temperature_bounds[1]);
    }
    const cJSON *temperature = cJSON_GetObjectItemCaseSensitive(sensor, "TemperatureC");
    if (!cJSON_IsNumber(temperature) || !(fabs(temperature->valuedouble) <= 1000.0))
    {
        return fail(reason, "%s TemperatureC is missing or not a number within +-1000", type);
    }
    out->temperature_c = (float)temperature->valuedouble;
    int mask;
    if (!read_int(sensor, "ModelTypeMask", 1, INT32_MAX, &mask))
    {
        /* The SDK asserts a non-zero mask before it evaluates the models. */
        return fail(reason, "%s ModelTypeMask is missing or not an integer 1..%d", type, INT32_MAX);
    }
    out->model_type_mask = (uint32_t)mask;
    return K4A_RESULT_SUCCEEDED;
}

k4a_result_t ok4a_raw_calibration_parse_imu(const char *json, size_t size, ok4a_imu_intrinsics_t *gyro,
                                            ok4a_imu_intrinsics_t *accel, char *reason_text, size_t reason_size)
{
    reason_t reason = {reason_text, reason_size};
    cJSON *root = parse_document(json, size, &reason);
    if (root == NULL)
    {
        return K4A_RESULT_FAILED;
    }
    k4a_result_t result = K4A_RESULT_FAILED;
    const cJSON *sensors = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(root, "CalibrationInformation"), "InertialSensors");
    if (!cJSON_IsArray(sensors))
    {
        fail(&reason, "CalibrationInformation.InertialSensors is missing or not an array");
    }
    else if (read_imu_intrinsics(sensors, "CALIBRATION_InertialSensorType_Gyro", gyro, &reason) ==
                 K4A_RESULT_SUCCEEDED &&
             read_imu_intrinsics(sensors, "CALIBRATION_InertialSensorType_Accelerometer", accel, &reason) ==
                 K4A_RESULT_SUCCEEDED)
    {
        result = K4A_RESULT_SUCCEEDED;
    }
    cJSON_Delete(root);
    return result;
}
