namespace KubeAdvisor.Kubernetes.Manifests;

/// <summary>The fast path's one-line flow collections.</summary>
internal sealed partial class FastYaml
{
    // A flow collection ({...} or [...], nested) that closes on its line; plain scalars in it hold no ':', quote or '#'.
    private bool Flow(ref int p, int end)
    {
        _flow.Clear();
        OpenFlow(p++);
        var (afterItem, justOpened) = (false, true);
        while (true)
        {
            p = Skip(p, end);
            if (p == end)
            {
                return false;
            }

            var mapping = _flow[^1];
            var ch = _text[p];
            if (ch == (mapping ? '}' : ']') && (afterItem || justOpened))
            {
                _flow.RemoveAt(_flow.Count - 1);
                if (mapping)
                {
                    _events.MappingEnd();
                }
                else
                {
                    _events.SequenceEnd();
                }

                p++;
                if (_flow.Count == 0)
                {
                    return true;
                }

                (afterItem, justOpened) = (true, false);
                continue;
            }

            if (afterItem)
            {
                if (ch != ',')
                {
                    return false;
                }

                (p, afterItem) = (p + 1, false);
                continue;
            }

            justOpened = false;
            if (mapping)
            {
                if (!FlowScalar(ref p, end, key: true) || !(p + 1 < end && _text[p] == ':' && _text[p + 1] == ' '))
                {
                    return false;
                }

                p = Skip(p + 1, end);
                if (p == end)
                {
                    return false;
                }
            }

            if (_text[p] is '[' or '{')
            {
                OpenFlow(p++);
                justOpened = true;
                continue;
            }

            if (!FlowScalar(ref p, end, key: false))
            {
                return false;
            }

            afterItem = true;
        }
    }

    private void OpenFlow(int p)
    {
        var mapping = _text[p] == '{';
        _flow.Add(mapping);
        if (mapping)
        {
            _events.MappingStart(_line);
        }
        else
        {
            _events.SequenceStart(_line);
        }
    }

    private bool FlowScalar(ref int p, int end, bool key)
    {
        if (_text[p] is '"' or '\'')
        {
            if (!Quoted(ref p, end, out var quoted))
            {
                return false;
            }

            _events.Scalar(quoted, typed: false, _line);
            return true;
        }

        var first = _text[p];
        if (Indicators.Contains(first) && !(first == '-' && p + 1 < end && _text[p + 1] is not (' ' or ',' or '[' or ']' or '{' or '}')))
        {
            return false;
        }

        var i = p + 1;
        for (; i < end; i++)
        {
            var ch = _text[i];
            if (ch is ',' or ']' or '}' || (ch == ':' && key && i + 1 < end && _text[i + 1] == ' '))
            {
                break;
            }

            if (ch is ':' or '[' or '{' or '#' or '"' or '\'')
            {
                return false;
            }
        }

        if (i == end)
        {
            return false;
        }

        var stop = i;
        while (_text[stop - 1] == ' ')
        {
            stop--;
        }

        _events.Scalar(new string(_text, p, stop - p), typed: true, _line);
        p = i;
        return true;
    }
}
