namespace MetalLb.Domain.Allocation;

/// <summary>A balanced (AVL) search tree keyed by <see cref="UInt128"/>, with floor and ceiling lookups.</summary>
/// <remarks>
/// .NET's <c>SortedSet</c> offers no "smallest element at least x" query short of <c>GetViewBetween</c>, and a
/// view counts its elements when it is created (a walk), so the allocator keeps its own tree: every operation is
/// O(log n) and nothing is ever enumerated on the allocation path.
/// </remarks>
internal sealed class OrderedTree<TValue>
{
    private Node? _root;

    public int Count { get; private set; }

    public bool TryGet(UInt128 key, out TValue value)
    {
        var node = _root;
        while (node is not null)
        {
            var order = key.CompareTo(node.Key);
            if (order == 0)
            {
                value = node.Value;
                return true;
            }

            node = order < 0 ? node.Left : node.Right;
        }

        value = default!;
        return false;
    }

    /// <summary>Inserts <paramref name="key"/> or replaces its value.</summary>
    public void Set(UInt128 key, TValue value) => _root = Insert(_root, key, value);

    public bool Remove(UInt128 key)
    {
        var removed = false;
        _root = Delete(_root, key, ref removed);
        if (removed)
        {
            Count--;
        }

        return removed;
    }

    /// <summary>The entry with the greatest key less than or equal to <paramref name="key"/>.</summary>
    public bool TryFloor(UInt128 key, out UInt128 foundKey, out TValue value)
    {
        Node? best = null;
        var node = _root;
        while (node is not null)
        {
            var order = key.CompareTo(node.Key);
            if (order == 0)
            {
                best = node;
                break;
            }

            if (order < 0)
            {
                node = node.Left;
            }
            else
            {
                best = node;
                node = node.Right;
            }
        }

        return Found(best, out foundKey, out value);
    }

    /// <summary>The entry with the smallest key greater than or equal to <paramref name="key"/>.</summary>
    public bool TryCeiling(UInt128 key, out UInt128 foundKey, out TValue value)
    {
        Node? best = null;
        var node = _root;
        while (node is not null)
        {
            var order = key.CompareTo(node.Key);
            if (order == 0)
            {
                best = node;
                break;
            }

            if (order > 0)
            {
                node = node.Right;
            }
            else
            {
                best = node;
                node = node.Left;
            }
        }

        return Found(best, out foundKey, out value);
    }

    /// <summary>All entries in key order; for diagnostics and tests, never on the allocation path.</summary>
    public IEnumerable<KeyValuePair<UInt128, TValue>> Entries()
    {
        var stack = new Stack<Node>();
        var node = _root;
        while (node is not null || stack.Count > 0)
        {
            while (node is not null)
            {
                stack.Push(node);
                node = node.Left;
            }

            node = stack.Pop();
            yield return new KeyValuePair<UInt128, TValue>(node.Key, node.Value);
            node = node.Right;
        }
    }

    private static bool Found(Node? node, out UInt128 key, out TValue value)
    {
        if (node is null)
        {
            key = default;
            value = default!;
            return false;
        }

        key = node.Key;
        value = node.Value;
        return true;
    }

    private Node Insert(Node? node, UInt128 key, TValue value)
    {
        if (node is null)
        {
            Count++;
            return new Node(key, value);
        }

        var order = key.CompareTo(node.Key);
        if (order == 0)
        {
            node.Value = value;
            return node;
        }

        if (order < 0)
        {
            node.Left = Insert(node.Left, key, value);
        }
        else
        {
            node.Right = Insert(node.Right, key, value);
        }

        return Balance(node);
    }

    private static Node? Delete(Node? node, UInt128 key, ref bool removed)
    {
        if (node is null)
        {
            return null;
        }

        var order = key.CompareTo(node.Key);
        if (order < 0)
        {
            node.Left = Delete(node.Left, key, ref removed);
        }
        else if (order > 0)
        {
            node.Right = Delete(node.Right, key, ref removed);
        }
        else
        {
            removed = true;
            if (node.Left is null)
            {
                return node.Right;
            }

            if (node.Right is null)
            {
                return node.Left;
            }

            var successor = node.Right;
            while (successor.Left is not null)
            {
                successor = successor.Left;
            }

            node.Key = successor.Key;
            node.Value = successor.Value;
            node.Right = DeleteMin(node.Right);
        }

        return Balance(node);
    }

    private static Node? DeleteMin(Node node)
    {
        if (node.Left is null)
        {
            return node.Right;
        }

        node.Left = DeleteMin(node.Left);
        return Balance(node);
    }

    private static int HeightOf(Node? node) => node?.Height ?? 0;

    private static void Update(Node node) => node.Height = 1 + Math.Max(HeightOf(node.Left), HeightOf(node.Right));

    private static Node Balance(Node node)
    {
        Update(node);
        var skew = HeightOf(node.Left) - HeightOf(node.Right);
        if (skew > 1)
        {
            if (HeightOf(node.Left!.Left) < HeightOf(node.Left.Right))
            {
                node.Left = RotateLeft(node.Left);
            }

            return RotateRight(node);
        }

        if (skew < -1)
        {
            if (HeightOf(node.Right!.Right) < HeightOf(node.Right.Left))
            {
                node.Right = RotateRight(node.Right);
            }

            return RotateLeft(node);
        }

        return node;
    }

    private static Node RotateRight(Node node)
    {
        var pivot = node.Left!;
        node.Left = pivot.Right;
        pivot.Right = node;
        Update(node);
        Update(pivot);
        return pivot;
    }

    private static Node RotateLeft(Node node)
    {
        var pivot = node.Right!;
        node.Right = pivot.Left;
        pivot.Left = node;
        Update(node);
        Update(pivot);
        return pivot;
    }

    private sealed class Node(UInt128 key, TValue value)
    {
        public UInt128 Key { get; set; } = key;

        public TValue Value { get; set; } = value;

        public Node? Left { get; set; }

        public Node? Right { get; set; }

        public int Height { get; set; } = 1;
    }
}
