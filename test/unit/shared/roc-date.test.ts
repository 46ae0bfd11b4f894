import { describe, expect, it } from 'vitest'
import { parseBirthday, rocParts } from '../../../electron/shared/roc-date'

describe('birthdays as customers write them', () => {
  it('reads ROC years (民國) in every usual way, and Gregorian dates', () => {
    for (const typed of ['740312', '0740312', '74/3/12', '74-03-12', '74.3.12', '民國74年3月12日', '民74年3月12日', '民國 74 年 3 月 12 日', '７４０３１２', '1985-03-12', '1985/3/12', '19850312']) {
      expect(parseBirthday(typed), typed).toBe('1985-03-12')
    }
    expect(parseBirthday('1000229')).toBe('2011-02-29') // 民國100年: read, then refused as no such day
    expect(parseBirthday('01/1/1')).toBe('1912-01-01')
  })

  it('says nothing for what it cannot read', () => {
    for (const typed of ['', '12', '0/1/1', '000312', '1985-3', 'March 12', '74年3月']) expect(parseBirthday(typed), typed).toBeNull()
  })

  it('gives the ROC parts of a real day only', () => {
    expect(rocParts('1985-03-12')).toEqual({ year: 74, month: 3, day: 12 })
    expect(rocParts('1985-02-30')).toBeNull()
    expect(rocParts('1900-01-01')).toBeNull()
  })
})
