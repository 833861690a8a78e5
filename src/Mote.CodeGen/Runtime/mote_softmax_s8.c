#include "mote_softmax_s8.h"

#include "mote_values.h"

#define MOTE_SCALED_DIFF_INTEGER_BITS 5
#define MOTE_ACCUMULATION_INTEGER_BITS 12
#define MOTE_ONE_Q0 INT32_MAX

/* x * 2^exponent saturated to int32 (gemmlowp's SaturatingRoundingMultiplyByPOT for exponent >= 0). */
static int32_t mote_saturating_shl(int32_t x, int exponent)
{
    const int32_t threshold = (int32_t)(((int64_t)1 << (31 - exponent)) - 1);
    if (x > threshold)
    {
        return INT32_MAX;
    }

    if (x < -threshold)
    {
        return INT32_MIN;
    }

    return mote_shl(x, exponent);
}

/* exp(a) for a in [-1/4, 0), a in Q0; a Taylor polynomial around -1/8. */
static int32_t mote_exp_on_interval(int32_t a)
{
    const int32_t constant_term = 1895147668;
    const int32_t constant_one_third = 715827883;
    const int32_t x = a + (1 << 28);
    const int32_t x2 = mote_srdhm(x, x);
    const int32_t x3 = mote_srdhm(x2, x);
    const int32_t x4 = mote_srdhm(x2, x2);
    const int32_t x4_over_4 = mote_rdbypot(x4, 2);
    const int32_t polynomial = mote_rdbypot(mote_srdhm(x4_over_4 + x3, constant_one_third) + x2, 1);
    return constant_term + mote_srdhm(constant_term, x + polynomial);
}

/* exp(a) for a <= 0 in Q5, result in Q0. */
static int32_t mote_exp_on_negative_values(int32_t a)
{
    /* exp(-2^k) in Q0 for k = -2 .. 4, applied for each bit of the remainder. */
    static const int32_t multipliers[7] = { 1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242 };
    const int integer_bits = MOTE_SCALED_DIFF_INTEGER_BITS;
    const int fractional_bits = 31 - integer_bits;
    const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
    const int32_t mask = one_quarter - 1;
    const int32_t a_mod_quarter_minus_one_quarter = (a & mask) - one_quarter;
    const int32_t remainder = a_mod_quarter_minus_one_quarter - a;
    int32_t result = mote_exp_on_interval(mote_saturating_shl(a_mod_quarter_minus_one_quarter, integer_bits));
    int i;
    for (i = 0; i < 7; i++)
    {
        const int exponent = i - 2;
        if (integer_bits > exponent && (remainder & ((int32_t)1 << (fractional_bits + exponent))) != 0)
        {
            result = mote_srdhm(result, multipliers[i]);
        }
    }

    return a == 0 ? MOTE_ONE_Q0 : result;
}

/* 1 / (1 + x) for x in [0, 1) in Q0, by three Newton-Raphson steps in Q2. */
static int32_t mote_one_over_one_plus_x(int32_t a)
{
    const int64_t sum = (int64_t)a + MOTE_ONE_Q0;
    const int32_t half_denominator = (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
    const int32_t constant_48_over_17 = 1515870810;
    const int32_t constant_neg_32_over_17 = -1010580540;
    const int32_t one_q2 = (int32_t)1 << 29;
    int32_t x = constant_48_over_17 + mote_srdhm(half_denominator, constant_neg_32_over_17);
    int i;
    for (i = 0; i < 3; i++)
    {
        const int32_t half_denominator_times_x = mote_srdhm(half_denominator, x);
        const int32_t one_minus = one_q2 - half_denominator_times_x;
        x += mote_saturating_shl(mote_srdhm(x, one_minus), 2);
    }

    return mote_saturating_shl(x, 1);
}

static int mote_leading_zeros(uint32_t x)
{
    int count = 0;
    while (count < 32 && (x & 0x80000000u) == 0)
    {
        x <<= 1;
        count++;
    }

    return count;
}

/* The input difference (Q5 after scaling by beta) to its exp in Q0. */
static int32_t mote_softmax_exp(const mote_softmax_params* p, int32_t diff)
{
    return mote_exp_on_negative_values(mote_srdhm(mote_shl(diff, p->input_left_shift), p->input_multiplier));
}

void mote_softmax_s8(const mote_softmax_params* p, const int8_t* input, void* output)
{
    const int32_t output_bits = 8 * p->output_size;
    const int32_t output_min = p->output_size == 1 ? INT8_MIN : INT16_MIN;
    const int32_t output_max = p->output_size == 1 ? INT8_MAX : INT16_MAX;
    int32_t r, c;
    for (r = 0; r < p->rows; r++)
    {
        const int8_t* row = input + r * p->depth;
        int32_t max_in_row = INT8_MIN;
        int32_t sum_of_exps = 0;
        int headroom_plus_one;
        int bits_over_unit;
        int32_t reciprocal;
        for (c = 0; c < p->depth; c++)
        {
            max_in_row = row[c] > max_in_row ? row[c] : max_in_row;
        }

        for (c = 0; c < p->depth; c++)
        {
            const int32_t diff = row[c] - max_in_row;
            if (diff >= p->diff_min)
            {
                sum_of_exps += mote_rdbypot(mote_softmax_exp(p, diff), MOTE_ACCUMULATION_INTEGER_BITS);
            }
        }

        /* TFLite's GetReciprocal: 1 / sum as a Q0 value and a count of bits above one. */
        headroom_plus_one = mote_leading_zeros((uint32_t)sum_of_exps);
        bits_over_unit = MOTE_ACCUMULATION_INTEGER_BITS - headroom_plus_one;
        reciprocal = mote_one_over_one_plus_x((int32_t)(((uint32_t)sum_of_exps << headroom_plus_one) - 0x80000000u));
        for (c = 0; c < p->depth; c++)
        {
            const int32_t diff = row[c] - max_in_row;
            int32_t value = output_min;
            if (diff >= p->diff_min)
            {
                const int32_t unsaturated = mote_rdbypot(mote_srdhm(reciprocal, mote_softmax_exp(p, diff)), bits_over_unit + 31 - output_bits);
                value = mote_clamp(unsaturated + output_min, output_min, output_max);
            }

            mote_set(output, r * p->depth + c, p->output_size, value);
        }
    }
}
