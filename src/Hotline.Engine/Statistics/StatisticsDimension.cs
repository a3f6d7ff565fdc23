namespace Hotline.Engine.Statistics;

/// <summary>What a live counter is kept by (Xiangfen 2022 art. 18; Changsha 2020 arts. 36–37; Zhongshan 2024 art. 27).</summary>
public enum StatisticsDimension
{
    /// <summary>By the unit holding the ticket.</summary>
    Unit,

    /// <summary>By the ticket's category.</summary>
    Category,

    /// <summary>By the ticket's region.</summary>
    Region,
}
