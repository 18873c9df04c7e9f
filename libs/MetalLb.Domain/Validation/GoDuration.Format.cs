namespace MetalLb.Domain.Validation;

// Go's Duration.String, to print durations in messages the way MetalLB does.
public static partial class GoDuration
{
    /// <summary>Go's <c>Duration.String</c>: <c>1m30s</c>, <c>1.5s</c>, <c>500ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value) => Format((Int128)value.Ticks * NanosecondsPerTick);

    /// <summary>Go's <c>Duration.String</c> of a nanosecond count.</summary>
    public static string Format(long nanoseconds) => Format((Int128)nanoseconds);

    private static string Format(Int128 nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        var negative = nanoseconds < 0;
        var u = (UInt128)(negative ? -nanoseconds : nanoseconds);
        var buf = new char[48];
        var w = buf.Length;
        if (u < Second)
        {
            buf[--w] = 's';
            int precision;
            if (u < Microsecond)
            {
                precision = 0;
                buf[--w] = 'n';
            }
            else if (u < Millisecond)
            {
                precision = 3;
                buf[--w] = 'µ';
            }
            else
            {
                precision = 6;
                buf[--w] = 'm';
            }

            w = FormatFraction(buf, w, ref u, precision);
            w = FormatInt(buf, w, u);
        }
        else
        {
            buf[--w] = 's';
            w = FormatFraction(buf, w, ref u, 9);
            w = FormatInt(buf, w, u % 60);
            u /= 60;
            if (u > 0)
            {
                buf[--w] = 'm';
                w = FormatInt(buf, w, u % 60);
                u /= 60;
                if (u > 0)
                {
                    buf[--w] = 'h';
                    w = FormatInt(buf, w, u);
                }
            }
        }

        if (negative)
        {
            buf[--w] = '-';
        }

        return new string(buf, w, buf.Length - w);
    }

    private static int FormatFraction(char[] buf, int w, ref UInt128 value, int precision)
    {
        var print = false;
        for (var i = 0; i < precision; i++)
        {
            var digit = (int)(value % 10);
            print = print || digit != 0;
            if (print)
            {
                buf[--w] = (char)('0' + digit);
            }

            value /= 10;
        }

        if (print)
        {
            buf[--w] = '.';
        }

        return w;
    }

    private static int FormatInt(char[] buf, int w, UInt128 value)
    {
        if (value == 0)
        {
            buf[--w] = '0';
            return w;
        }

        while (value > 0)
        {
            buf[--w] = (char)('0' + (int)(value % 10));
            value /= 10;
        }

        return w;
    }
}
