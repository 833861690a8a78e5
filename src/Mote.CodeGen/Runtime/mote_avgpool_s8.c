#include "mote_avgpool_s8.h"

static int32_t mote_max_i32(int32_t a, int32_t b)
{
    return a > b ? a : b;
}

static int32_t mote_min_i32(int32_t a, int32_t b)
{
    return a < b ? a : b;
}

void mote_avgpool_s8(const mote_pool_params* p, const int8_t* input, int8_t* output)
{
    int32_t b, oy, ox, c, fy, fx;
    for (b = 0; b < p->batches; b++)
    {
        for (oy = 0; oy < p->output_height; oy++)
        {
            for (ox = 0; ox < p->output_width; ox++)
            {
                /* The part of the window inside the image. */
                const int32_t in_y = oy * p->stride_height - p->pad_height;
                const int32_t in_x = ox * p->stride_width - p->pad_width;
                const int32_t y_start = mote_max_i32(0, -in_y);
                const int32_t y_end = mote_min_i32(p->filter_height, p->input_height - in_y);
                const int32_t x_start = mote_max_i32(0, -in_x);
                const int32_t x_end = mote_min_i32(p->filter_width, p->input_width - in_x);
                const int32_t count = (y_end - y_start) * (x_end - x_start);
                int8_t* out = output + ((b * p->output_height + oy) * p->output_width + ox) * p->depth;
                for (c = 0; c < p->depth; c++)
                {
                    int32_t acc = 0;
                    for (fy = y_start; fy < y_end; fy++)
                    {
                        for (fx = x_start; fx < x_end; fx++)
                        {
                            acc += input[((b * p->input_height + in_y + fy) * p->input_width + in_x + fx) * p->depth + c];
                        }
                    }

                    /* Rounded half away from zero, as TFLite's reference. */
                    acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
                    out[c] = (int8_t)mote_clamp(acc, p->activation_min, p->activation_max);
                }
            }
        }
    }
}
