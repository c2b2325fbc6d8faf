/**
 * Person gazetteer: common given names (a cue that a capitalized run is a person) and well-known
 * people (full names used to canonicalize short forms and misspellings: "Putin" and "Vladmir Putin"
 * -> "Vladimir Putin").
 */

const FIRST_NAMES = `
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Donald Steven
Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen
Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan
Henry Douglas Zachary Peter Kyle Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean Austin Carl Arthur
Lawrence Dylan Jesse Jordan Bryan Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph
Eugene Russell Bobby Mason Philip Louis Boris Bill Hillary Barack Joe Kamala Nancy Mike Rishi Keir Liz Theresa Tony Gordon Emmanuel
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra Ashley Kimberly Emily
Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda
Pamela Emma Nicole Helen Samantha Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia
Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann
Sara Madison Frances Kathryn Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn Danielle Beverly Isabella
Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Angela Ursula Annalena Olaf Angela Marine Giorgia Ursula Kaja
Vladimir Dmitry Dmitri Sergei Sergey Mikhail Alexei Alexey Andrei Andrey Ivan Nikolai Yuri Igor Oleg Viktor Valentina Maria Olga
Tatiana Natalia Yevgeny Evgeny Anatoly Boris Maxim Pavel Roman Ramzan Volodymyr Petro Vitali Vitaly Oleksandr Dmytro Yulia Denis
Xi Li Wang Zhang Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin Guo Ma Luo Liang Song Zheng Xie Han Tang Feng Deng Cao
Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao Qin Kim Park Lee Choi Jung Kang Cho Yoon
Shinzo Fumio Yoshihide Narendra Rahul Sonia Indira Imran Nawaz Shehbaz Recep Ahmet Mevlut Hakan Emine
Mohammed Muhammad Mohamed Mohammad Ahmed Ahmad Ali Hassan Hussein Hussain Omar Umar Abdullah Abdul Abdel Khalid Khaled Mahmoud
Mahmud Mustafa Youssef Yusuf Ibrahim Ismail Salman Faisal Fahd Hamad Tamim Saeed Said Rashid Zayed Nasser Bashar Hafez Hosni
Anwar Gamal Abdel-Fattah Ebrahim Hassan Ayatollah Ruhollah Javad Hossein Hamdullah Ashraf Hamid Alireza Reza Mehdi Masoud Nouri
Benjamin Yair Naftali Isaac Yitzhak Ehud Shimon Golda Moshe Avigdor Yoav Benny Itamar Bezalel
Angela Olaf Helmut Gerhard Frank-Walter Friedrich Emmanuel Nicolas Francois François Jacques Marine Jean-Luc Giorgia Mario Matteo
Silvio Pedro Luiz Inacio Lula Jair Dilma Javier Alberto Cristina Nicolas Hugo Fidel Raul Andres Manuel Gustavo Evo Daniel
Jacinda Justin Stephen Scott Malcolm Anthony Julia Kevin Jens Mark Mette Magdalena Ulf Sanna Alexander Volodymyr Viktor Andrzej
Mateusz Donald Aleksandar Recep Alexis Kyriakos Nikos Jacob Cyril Thabo Nelson Uhuru William Paul Abiy Yoweri Bola Muhammadu
Kassym-Jomart Nursultan Shavkat Emomali Ilham Nikol Alexander Aliaksandr Kim Jong Moon Yoon Rodrigo Ferdinand Joko Prabowo Anwar
Mahathir Hun Prayut Dean Ahmed Rodaba Andy Marilyn Rachel Caroline Jessica Harry Meghan Camilla Diana
Nick Chuck Ben Tom Tim Jim Jimmy Bob Rob Bobby Dave Dan Danny Matt Chris Steve Jeff Greg Ken Ted Ed Eddie Fred Alex Sam Tony
Phil Pete Rick Ricky Ron Don Doug Jon Josh Jake Zach Nate Charlie Ollie Alfie Archie Freddie Jamie Joey Johnny
Jerry Larry Barry Gary Terry Kenny Lenny Vince Vic Stan Jack Max Leo Luke Owen Liam Lucas Mason Oliver Oscar Hugh Ian Neil
Nigel Graham Colin Malcolm Alistair Alastair Angus Duncan Hamish Rory Callum Connor Declan Kieran Niall Ross Stuart Stewart Gavin
Craig Darren Dean Howard Lee Lewis Marcus Martin Morgan Murray Neville Norman Rodney Roland Rupert Simon
Spencer Toby Trevor Tristan Victor Warren Wesley Clive Derek Desmond Dominic Edmund Felix Francis Geoffrey Giles Gordon Harvey
Herbert Horace Hugo Humphrey Jeremy Jonathan Julian Keith Lionel Leonard Marshall Maurice Mervyn Nathaniel Percy Quentin Ralph
Reginald Robin Russell Sebastian Sidney Stanley Theodore Tobias Vernon Wilfred Clint Brad Cody Dustin Travis Trent Todd
Troy Kurt Mitch Brett Shane Wade Dwight Floyd Lloyd Leroy Marvin Melvin Otis Clarence Curtis Dale Dwayne Jamal Tyrone
Darnell Jerome Reggie Andre Antonio Carlos Diego Eduardo Fernando Francisco Javier Jorge Luis Miguel Rafael Ricardo Roberto
Sergio Alejandro Pablo Marco Luca Giovanni Giuseppe Paolo Pietro Stefano Alessandro Andrea Antoine Pierre Louis Michel Philippe
Laurent Olivier Thierry Yves Hans Klaus Jurgen Jürgen Wolfgang Dieter Karl Heinz Stefan Thomas Lars Sven Erik Anders Nils Jan Piet
Kristen Kirsten Kristin Kate Katie Kathy Kat Liz Beth Betsy Becky Jenny Jen Jenna Jill Joanna Joanne Jodie Julia Juliet
Karen Kim Lucy Lucinda Lydia Lynn Lynne Maggie Mandy Mel Molly Nell Nora Paula Peggy Polly Rosie
Sue Suzanne Tina Toni Tracy Tracey Vicky Wendy Zoe Chloe Ella Ellie Amelia Ava Isla Mia Poppy Lily Evie Freya Imogen
Leah Lauren Millie Phoebe Scarlett Sienna Tilly Abbie Alison Allison Ann Anne Annie Audrey Bella Bernadette Bridget
Carla Carmen Carrie Cathy Claire Clare Claudia Colleen Connie Courtney Dana Debbie Deirdre Dolores Edith Eileen Elaine Eleanor
Elena Eliza Ellen Eva Fiona Florence Gemma Georgia Geraldine Gillian Gina Glenda Harriet Heidi Hilary Ingrid Irene
Isabel Jane Jasmine Jeanne Joan Josephine Judy Julianne Kara Karin Kathleen Kerry Lara Leslie Lesley Lillian Linda Lorna
Louise Lucia Mabel Madeleine Marcia Margot Maria Marianne Marion Marjorie Martina Maureen Mavis Maxine Melanie Meredith Miriam
Monica Moira Muriel Nadia Naomi Natasha Nina Norma Patsy Pauline Philippa Priscilla Rita Roberta Rosa Rosemary Roxanne Sabrina
Sadie Shannon Sheila Shelley Sonia Sophie Susie Sylvia Tamara Tanya Tara Thelma Valerie Vanessa Vera Veronica Vivian
Yvonne Yolanda Serena Beyonce Madonna Britney Whitney Oprah Hailey Haley Kylie Kendall Kourtney Khloe Shakira Rihanna
Gerald Suella Yvette Priti Sajid Sadiq Nadhim Kwasi Jeremy Jacob Kemi Rishi
Shinzo Junichiro Naoto Yoshihiko Taro Hiroshi Takeshi Kenji Akira Yuki Haruki Wei Ming Hui Xiaoming Jiayi Hyun Seung
Joon Jae Chung Kwok Wai Ching Kai Yan Fung Mei Ling
Nguyen Thanh Minh Duc Hoang Rajesh Suresh Ramesh Sunil Anil Sanjay Vijay Amit Ajay Arun Deepak Manmohan Priya Pooja Anjali Sunita
Abdulaziz Abdulrahman Ayman Bilal Fatima Aisha Ayesha Zainab Layla Leila Mariam Maryam Nour Noor Samir Tariq Walid Yasser Ziad
Hamza Karim Kareem Malik Nabil Rami Sami Tarek Adel Amr Hisham Osama Usama Dmitri Grigory Konstantin
Leonid Mikhail Nikita Pyotr Stanislav Vadim Valery Vasily Vladislav Yaroslav Yegor Anastasia Ekaterina Irina Ksenia Lyudmila
Svetlana Yelena Elena Oksana Nadezhda Galina Larisa Marina
`;

/**
 * Well-known people, full canonical names. A document mention of the last token alone ("Putin")
 * links here when the document has no longer name for it; a first name off by one edit
 * ("Vladmir Putin") links here too.
 */
const KNOWN_PEOPLE = `
Vladimir Putin|Dmitry Medvedev|Mikhail Mishustin|Sergey Lavrov|Sergei Lavrov|Sergei Shoigu|Dmitry Peskov|Maria Zakharova
Valentina Matviyenko|Vyacheslav Volodin|Alexei Navalny|Yevgeny Prigozhin|Ramzan Kadyrov|Andrei Belousov|Sergei Ryabkov
Alexander Lukashenko|Volodymyr Zelensky|Volodymyr Zelenskyy|Petro Poroshenko|Dmytro Kuleba|Vitali Klitschko
Xi Jinping|Li Qiang|Liu He|Li Keqiang|Wang Yi|Zhao Lijian|Wang Wenbin|Mao Ning|Hua Chunying|Qin Gang|Zhang Hanhui|Hu Jintao
Jiang Zemin|Deng Xiaoping|Mao Zedong|Wen Jiabao|Han Zheng|Zhao Leji|Wang Huning|Cai Qi|Ding Xuexiang|Li Xi|Wang Qishan
Joe Biden|Donald Trump|Barack Obama|Kamala Harris|Hillary Clinton|Bill Clinton|George W. Bush|Antony Blinken|Lloyd Austin
Jake Sullivan|Mike Pompeo|Nancy Pelosi|Mike Pence|JD Vance|Marco Rubio|Elon Musk|Mark Zuckerberg|Jeff Bezos|Bill Gates
Rishi Sunak|Boris Johnson|Keir Starmer|Liz Truss|Theresa May|David Cameron|Tony Blair|King Charles|Queen Elizabeth
Emmanuel Macron|Olaf Scholz|Angela Merkel|Giorgia Meloni|Ursula von der Leyen|Charles Michel|Josep Borrell|Jens Stoltenberg
Mark Rutte|Antonio Guterres|António Guterres|Tedros Adhanom Ghebreyesus|Kristalina Georgieva|Recep Tayyip Erdogan|Narendra Modi
Shehbaz Sharif|Imran Khan|Benjamin Netanyahu|Yoav Gallant|Ali Khamenei|Ebrahim Raisi|Masoud Pezeshkian|Hossein Amir-Abdollahian
Bashar al-Assad|Mohammed bin Salman|Tamim bin Hamad Al Thani|Abdel Fattah el-Sisi|Mahmoud Abbas|Ismail Haniyeh|Hassan Nasrallah
Kim Jong Un|Kim Jong-un|Yoon Suk Yeol|Fumio Kishida|Shinzo Abe|Luiz Inacio Lula da Silva|Jair Bolsonaro|Javier Milei
Cyril Ramaphosa|Kassym-Jomart Tokayev|Shavkat Mirziyoyev|Nicolas Maduro|Viktor Orban
`;

export const FIRST_NAME_LIST: string[] = FIRST_NAMES.split(/\s+/).filter(Boolean);
export const KNOWN_PEOPLE_LIST: string[] = KNOWN_PEOPLE.split(/[|\n]/)
  .map((s) => s.trim())
  .filter(Boolean);

/**
 * Chinese (and Korean) family names: written first, so in "Xi Jinping" the short form "Xi" is the
 * first token. Used to decide which token of a known full name a one-token mention may stand for.
 */
export const SURNAME_FIRST = new Set(
  `xi li wang zhang liu chen yang zhao huang zhou wu xu sun hu zhu gao lin guo ma luo liang song zheng xie han tang feng deng
cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao qin mao hua kim park lee choi moon yoon`
    .split(/\s+/)
    .filter(Boolean),
);
