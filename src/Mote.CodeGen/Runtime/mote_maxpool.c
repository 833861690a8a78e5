#include "mote_maxpool.h"

#include "mote_values.h"

void mote_maxpool(const mote_pool_params* p, int32_t element_size, const void* input, void* output)
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
                const int32_t y_start = in_y < 0 ? -in_y : 0;
                const int32_t y_end = p->input_height - in_y < p->filter_height ? p->input_height - in_y : p->filter_height;
                const int32_t x_start = in_x < 0 ? -in_x : 0;
                const int32_t x_end = p->input_width - in_x < p->filter_width ? p->input_width - in_x : p->filter_width;
                const int32_t out = ((b * p->output_height + oy) * p->output_width + ox) * p->depth;
                for (c = 0; c < p->depth; c++)
                {
                    int32_t best = INT32_MIN;
                    for (fy = y_start; fy < y_end; fy++)
                    {
                        for (fx = x_start; fx < x_end; fx++)
                        {
                            const int32_t value = mote_get(input, ((b * p->input_height + in_y + fy) * p->input_width + in_x + fx) * p->depth + c, element_size);
                            best = value > best ? value : best;
                        }
                    }

                    mote_set(output, out + c, element_size, mote_clamp(best, p->activation_min, p->activation_max));
                }
            }
        }
    }
}
