/** A region Reglament knows: its id in regulation files, its name and its time zone. */
export interface Region {
  id: string;
  name: string;
  timezone: string;
}

/** The regions whose regulations Reglament holds. Add a region here before its first file. */
export const REGIONS: Record<string, Region> = {
  yanao: { id: 'yanao', name: 'Ямало-Ненецкий автономный округ', timezone: 'Asia/Yekaterinburg' },
  chelyabinsk: { id: 'chelyabinsk', name: 'Челябинская область', timezone: 'Asia/Yekaterinburg' },
  sakhalin: { id: 'sakhalin', name: 'Сахалинская область', timezone: 'Asia/Sakhalin' },
  'altai-krai': { id: 'altai-krai', name: 'Алтайский край', timezone: 'Asia/Barnaul' },
};
