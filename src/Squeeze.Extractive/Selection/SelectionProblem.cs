namespace Squeeze.Extractive;

/// <summary>The units of one text at one level, with what the greedy selector needs to know about each.</summary>
internal sealed class SelectionProblem
{
    public SelectionProblem(int count)
    {
        Costs = new int[count];
        Values = new float[count];
        Shingles = new int[count][];
        HeadingOf = new int[count];
        Group = new int[count];
        Eligible = new bool[count];
        Forced = new bool[count];
        Array.Fill(HeadingOf, -1);
        Array.Fill(Eligible, true);
    }

    public int Count => Costs.Length;

    /// <summary>Gets each unit's target tokens.</summary>
    public int[] Costs { get; }

    /// <summary>Gets each unit's relevance, normalised to [0, 1].</summary>
    public float[] Values { get; }

    public int[][] Shingles { get; }

    /// <summary>Gets the index of the heading or title a unit sits under, or -1.</summary>
    public int[] HeadingOf { get; }

    /// <summary>Gets the passage each unit belongs to; neighbours are taken only within it.</summary>
    public int[] Group { get; }

    /// <summary>Gets whether a unit may be kept at all.</summary>
    public bool[] Eligible { get; }

    /// <summary>Gets whether a unit is kept first, before ranking (position priors).</summary>
    public bool[] Forced { get; }
}
