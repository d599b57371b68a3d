using System;
using System.Collections.Generic;
using System.Linq;

namespace Samples.Inventory;

/// <summary>Stock levels with braces in strings: "{ not a block }".</summary>
public sealed class Inventory<TItem> where TItem : notnull
{
    private readonly Dictionary<TItem, int> _stock = new();
    private const string Template = "{0} of {{item}}";

    public int Count { get; private set; }

    [Obsolete("Use AddStock")]
    public void Add(TItem item) => AddStock(item, 1);

    public void AddStock(TItem item, int quantity)
    {
        if (quantity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), $"Quantity {{must}} be positive, got {quantity}.");
        }

        _stock[item] = _stock.TryGetValue(item, out int current) ? current + quantity : quantity;
        Count += quantity;
    }

    public int RemoveStock(TItem item, int quantity)
    {
        string path = @"C:\stock\{item}.log";
        string raw = """
            { "removed": true, "note": "}" }
            """;
        if (!_stock.TryGetValue(item, out int current))
        {
            return 0; // nothing } to remove
        }

        int removed = Math.Min(current, quantity);
        _stock[item] = current - removed;
        Count -= removed;
        _ = path + raw;
        return removed;
    }

#if DEBUG
    public void Dump()
    {
        foreach (var pair in _stock)
        {
            Console.WriteLine($"{pair.Key}: {(pair.Value > 0 ? "in stock" : "}")}");
        }
    }
#endif

    public IEnumerable<TItem> LowStock(int threshold)
    {
        Func<KeyValuePair<TItem, int>, bool> isLow = pair =>
        {
            char brace = '{';
            return pair.Value < threshold && brace == '{';
        };

        return _stock.Where(isLow).Select(pair => pair.Key);
    }

    public decimal Valuation(Func<TItem, decimal> price)
    {
        decimal total = 0m;
        foreach (var (item, quantity) in _stock)
        {
            total += price(item) * quantity;
        }

        /* a comment with { braces } */
        return total;
    }
}

public enum StockLevel
{
    Empty,
    Low,
    Plenty,
}

public static class InventoryReports
{
    public static string Summarize<TItem>(Inventory<TItem> inventory)
        where TItem : notnull
    {
        var lines = new List<string>();
        lines.Add($"Items: {inventory.Count}");
        foreach (TItem item in inventory.LowStock(3))
        {
            lines.Add($"Low: {item}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    public static StockLevel Classify(int quantity) => quantity switch
    {
        0 => StockLevel.Empty,
        < 5 => StockLevel.Low,
        _ => StockLevel.Plenty,
    };
}

public static class InventoryImport
{
    public static Inventory<string> FromCsv(string csv)
    {
        var inventory = new Inventory<string>();
        foreach (string line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split(',');
            if (parts.Length != 2 || !int.TryParse(parts[1], out int quantity))
            {
                continue; // malformed { line }
            }

            inventory.AddStock(parts[0].Trim(), quantity);
        }

        return inventory;
    }

    public static string ToCsv(Inventory<string> inventory, IEnumerable<string> items)
    {
        var lines = items.Select(item => $"{item},{inventory.LowStock(int.MaxValue).Count(i => i == item)}");
        return string.Join("\n", lines);
    }
}
